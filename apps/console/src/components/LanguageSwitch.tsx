import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n';

/** 中文 | English; the choice is remembered across visits. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = LANGUAGES.includes(i18n.language as Language) ? (i18n.language as Language) : currentLanguage();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('common.language')}
      value={value}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
      onChange={(l) => void changeLanguage(l)}
    />
  );
}
