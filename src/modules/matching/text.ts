import * as OpenCC from 'opencc-js/t2cn';

/**
 * Hong Kong variants → simplified. The 'hk' source table also covers the standard traditional forms
 * (and variants such as 衞 that the plain 't' table leaves alone), so one converter serves Taiwan,
 * Hong Kong and mainland traditional input. Built once: building it parses the dictionaries.
 */
const toSimplifiedChars = OpenCC.Converter({ from: 'hk', to: 'cn' });

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const NON_ASCII = /[^\x00-\x7f]/;
const OPEN_BRACKETS = /[[{【〔〖「『《〈［｛]/g;
const CLOSE_BRACKETS = /[\]}】〕〗」』》〉］｝]/g;
// Apostrophes and middle dots join what they separate: "Xi'an", "阿卜杜·拉"
const JOINERS = /['‘’`·•・]/g;
// Anything that is not a letter, digit, bracket, ampersand or space becomes a space.
const PUNCTUATION = /[^\p{L}\p{N}()& ]+/gu;
const SPACES = / {2,}/g;
// A space next to a CJK character or a bracket carries no meaning in a Chinese name.
const SPACE_NEAR_CJK = /(?<=[\u3400-\u9fff\uf900-\ufaff()]) | (?=[\u3400-\u9fff\uf900-\ufaff()])/g;
const EMPTY_BRACKETS = /\(\s*\)/g;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Traditional (Taiwan, Hong Kong) → simplified Chinese; other text unchanged. */
export function toSimplified(text: string): string {
  return hasCjk(text) ? toSimplifiedChars(text) : text;
}

/**
 * The one text normaliser every comparison goes through: full-width → half-width (NFKC), traditional →
 * simplified, lower case, every bracket style → (), punctuation → single spaces, spaces next to Chinese
 * characters removed. Idempotent.
 */
export function normalizeText(input: string | null | undefined): string {
  if (!input) return '';
  let text = input;
  if (NON_ASCII.test(text)) text = toSimplified(text.normalize('NFKC'));
  text = text
    .toLowerCase()
    .replace(OPEN_BRACKETS, '(')
    .replace(CLOSE_BRACKETS, ')')
    .replace(JOINERS, '')
    .replace(PUNCTUATION, ' ')
    .replace(SPACES, ' ')
    .trim();
  if (hasCjk(text)) text = text.replace(SPACE_NEAR_CJK, '');
  return text.replace(EMPTY_BRACKETS, '').trim();
}
