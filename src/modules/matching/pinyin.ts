import { pinyin } from 'pinyin-pro';

const CACHE_LIMIT = 400_000;
const NON_ASCII = /[\u0080-\uffff]/;

/** The letters and digits of already-Latin text, as pinyin is written here (ü and v as u). */
function latin(text: string): string {
  return text
    .toLowerCase()
    .replace(/[üv]/g, 'u')
    .replace(/[^a-z0-9]/g, '');
}
// Trade names repeat a lot in customer lists; pinyin-pro costs a few microseconds per call.
const cache = new Map<string, string>();

/**
 * Toneless lower-case pinyin, syllables joined without separators ("字节跳动" → "zijietiaodong"); Latin
 * letters and digits pass through, ü is written u as English names do. Polyphones follow pinyin-pro's
 * word dictionary (重庆 → chongqing).
 */
export function toPinyin(text: string): string {
  if (!NON_ASCII.test(text)) return latin(text);
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const result = latin(syllables.join(''));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}
