import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n';
import './language-switch.css';

/**
 * 中文 | English; the choice is remembered across visits. Plain buttons (a radio group), not antd's
 * Segmented, because the sign-in page shows it before antd has loaded.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = LANGUAGES.includes(i18n.language as Language) ? (i18n.language as Language) : currentLanguage();
  return (
    <div role="radiogroup" aria-label={t('common.language')} className="jl-language-switch">
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          role="radio"
          aria-checked={l === value}
          className="jl-language-switch__option"
          lang={l}
          onClick={() => void changeLanguage(l)}
        >
          {t(`language.${l}`)}
        </button>
      ))}
    </div>
  );
}
