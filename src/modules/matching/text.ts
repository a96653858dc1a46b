import * as OpenCC from 'opencc-js/t2cn';

// opencc-js ships declarations that do not resolve under NodeNext (extensionless relative imports), so
// the parts used are typed here.
interface OpenCCModule {
  Converter(options: { from: string; to: string }): (text: string) => string;
  /** A converter from groups of dictionaries ("phrase replacement|…"), applied group after group. */
  ConverterFactory(...locales: (readonly (readonly string[])[])[]): (text: string) => string;
  /** The dictionaries behind each locale: `from.twp[0]` is Taiwan phrases, Taiwan variants (reversed). */
  Locale: { from: Record<string, readonly (readonly string[])[]> };
}
const opencc = OpenCC as unknown as OpenCCModule;

/**
 * Hong Kong variants → simplified. The 'hk' source table also covers the standard traditional forms
 * (and variants such as 衞 that the plain 't' table leaves alone), so one converter serves Taiwan,
 * Hong Kong and mainland traditional input. Built once: building it parses the dictionaries.
 */
const toSimplifiedChars = opencc.Converter({ from: 'hk', to: 'cn' });

let toMainlandPhrases: ((text: string) => string) | null = null;

/**
 * Traditional → simplified phrase by phrase, Taiwan and Hong Kong words turned into mainland ones (資訊技術
 * → 信息技术, 軟體 → 软件, 網路 → 网络, 數位 → 数字): opencc's phrase tables from Taiwan and from Hong Kong
 * (the ones its tw2sp and hk2sp conversions use, longest phrase first), then the character conversion
 * above. Deterministic, and cheap: the phrase tables are small and built once, on first use; the full
 * tw2sp converter would rebuild the character tables and segment every name, several times slower, and
 * would also rewrite characters (著 → 着) that the character conversion keeps.
 */
function mainlandPhrases(text: string): string {
  if (!toMainlandPhrases) {
    const phrases = opencc.ConverterFactory([
      [opencc.Locale.from.twp?.[0]?.[0] ?? '', opencc.Locale.from.hkp?.[0]?.[0] ?? ''],
    ]);
    toMainlandPhrases = (t) => toSimplifiedChars(phrases(t));
  }
  return toMainlandPhrases(text);
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const NON_ASCII = /[\u0080-\uffff]/;
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

let traditional: Uint8Array | null = null;

/**
 * Characters the converter changes on their own (1 = changes), found once by asking it about every CJK
 * code point (~50 ms). Most names are already simplified; for them the dictionary walk (2 µs a name) is
 * skipped.
 */
function traditionalChars(): Uint8Array {
  if (traditional) return traditional;
  const found = new Uint8Array(0x10000);
  for (const [from, to] of [
    [0x3400, 0x9fff],
    [0xf900, 0xfaff],
  ] as const) {
    for (let code = from; code <= to; code++) {
      const ch = String.fromCharCode(code);
      if (toSimplifiedChars(ch) !== ch) found[code] = 1;
    }
  }
  traditional = found;
  return found;
}

function isTraditional(text: string): boolean {
  const chars = traditionalChars();
  for (let i = 0; i < text.length; i++) {
    if (chars[text.charCodeAt(i)] === 1) return true;
  }
  return false;
}

/** Traditional (Taiwan, Hong Kong) → simplified Chinese; other text unchanged. */
export function toSimplified(text: string): string {
  return isTraditional(text) ? toSimplifiedChars(text) : text;
}

/**
 * The one text normaliser every comparison goes through: full-width → half-width (NFKC), traditional →
 * simplified (character by character: the words stay the writer's), lower case, every bracket style → (),
 * punctuation → single spaces, spaces next to Chinese characters removed. Idempotent.
 */
export function normalizeText(input: string | null | undefined): string {
  if (!input) return '';
  return NON_ASCII.test(input) ? tidy(toSimplified(input.normalize('NFKC'))) : tidy(input);
}

/**
 * Traditional text in mainland words, normalised like normalizeText: what a Taiwan or Hong Kong writer's
 * 資訊技術 is called on the mainland (信息技术); equal to normalizeText when it has no regional words. Null
 * when the text is not traditional: a mainland writer who chose 资讯 meant it.
 */
export function mainlandWording(input: string | null | undefined): string | null {
  return normalizeName(input).mainland;
}

/** normalizeText and mainlandWording of a name at once: the two share their first steps. */
export function normalizeName(input: string | null | undefined): { text: string; mainland: string | null } {
  if (!input) return { text: '', mainland: null };
  if (!NON_ASCII.test(input)) return { text: tidy(input), mainland: null };
  const text = input.normalize('NFKC');
  if (!isTraditional(text)) return { text: tidy(text), mainland: null };
  return { text: tidy(toSimplifiedChars(text)), mainland: tidy(mainlandPhrases(text)) };
}

function tidy(converted: string): string {
  let text = converted
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
