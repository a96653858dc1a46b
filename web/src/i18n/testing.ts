import i18next, { type TFunction } from 'i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const TEST_LANGUAGES = ['en', 'zh-CN'] as const;
export type TestLanguage = (typeof TEST_LANGUAGES)[number];

/** A translator per UI language, configured as the app configures i18next, for unit tests. */
export async function loadTranslators(): Promise<Record<TestLanguage, TFunction>> {
  const entries = await Promise.all(
    TEST_LANGUAGES.map(async (lng) => {
      const i18n = i18next.createInstance();
      await i18n.init({
        resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
        lng,
        nsSeparator: false,
        interpolation: { escapeValue: false },
        showSupportNotice: false,
      });
      return [lng, i18n.t] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<TestLanguage, TFunction>;
}

/** Latin words of two letters or more: what a Chinese page must not show outside the values it quotes. */
export const ENGLISH_WORD = /[A-Za-z]{2,}/;
