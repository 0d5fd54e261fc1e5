import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Messages } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
const STORAGE_KEY = 'jiaolian.language';

const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applySideEffects(language: Language): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Each language's strings are chunks of their own, so a visitor downloads only the language they read:
 * the core (sign-in, errors, common words) first, every page's strings with the first page (see lazyPage).
 */
const CORE: Record<Language, () => Promise<object>> = {
  'zh-CN': () => import('./zh-CN/core').then((m) => m.coreZhCN),
  en: () => import('./en/core').then((m) => m.coreEn),
};
const ALL: Record<Language, () => Promise<Messages>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};
const complete = new Set<Language>();

/** Starts i18n with the given language's strings already at hand (tests, and after loading). */
export function startI18n(language: Language, messages: object) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { [language]: { translation: messages } },
      lng: language,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
    applySideEffects(language);
  }
  return i18n;
}

/** Loads the remembered (or default) language's core strings and starts i18n; the console renders after it. */
export async function initI18n(language: Language = storedLanguage()) {
  return startI18n(language, await CORE[language]());
}

/** Makes every page's strings of `language` available (once per language). */
export async function loadAllMessages(language: Language = currentLanguage()): Promise<void> {
  if (complete.has(language)) return;
  i18n.addResourceBundle(language, 'translation', await ALL[language](), true, true);
  complete.add(language);
}

/** Switches the UI language and remembers it for the next visit. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  if (complete.size > 0) await loadAllMessages(language);
  else if (!i18n.hasResourceBundle(language, 'translation')) i18n.addResourceBundle(language, 'translation', await CORE[language]());
  applySideEffects(language);
  await i18n.changeLanguage(language);
}

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE);
