import { LANGUAGES, type Language } from '../api/types.js';

export const LANGUAGE_STORAGE_KEY = 'fairshare.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The user's saved choice wins; otherwise the browser's first language we can serve. Any Chinese (zh-TW,
 * zh-HK …) gets zh-CN: a Chinese reader is better served by simplified Chinese than by English.
 */
export function pickLanguage(saved: string | null | undefined, browser: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}
