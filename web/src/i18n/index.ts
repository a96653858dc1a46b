import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../api/client.js';
import type { Language } from '../api/types.js';
import { en } from './en.js';
import { LANGUAGE_STORAGE_KEY, pickLanguage } from './language.js';
import { zhCN } from './zh-CN.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
    nsSeparator: false;
  }
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, policies): fall back to the browser's language
  }
}

function applyLanguage(language: string) {
  setRequestLanguage(language);
  document.documentElement.lang = language;
  // antd's date pickers take month and weekday names from dayjs, not from ConfigProvider's locale.
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

const initial = pickLanguage(savedLanguage(), navigator.languages);
applyLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: ['zh-CN', 'en'],
  // One namespace, and keys such as `permissions.org:read` contain colons.
  nsSeparator: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

i18n.on('languageChanged', applyLanguage);

/** Switches the UI language and remembers the choice in this browser. */
export async function changeLanguage(language: Language) {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not remembered; the switch still applies to this tab
  }
  await i18n.changeLanguage(language);
}

export { i18n };
