import type { Features } from './normalize.js';

/**
 * Blocking keys: a few strings per record such that two records of one company almost always share one.
 * Candidates come from equality lookups on these strings only, so the same keys work in memory, in an
 * indexed table on PGlite or PostgreSQL, or sharded. Each key also counts how common a value is: the
 * scorer asks `frequency(key)` with exactly these strings.
 */
export const keyOf = {
  uscc: (code: string) => `uscc:${code}`,
  phone: (e164: string) => `phone:${e164}`,
  email: (address: string) => `email:${address}`,
  domain: (domain: string) => `domain:${domain}`,
  /** Trade name (as written: characters, or pinyin for English names) and industry words, '-' if none. */
  name: (trade: string, industry: string) => `name:${trade}|${industry || '-'}`,
  trade: (trade: string) => `trade:${trade}`,
  pinyin: (tradePinyin: string) => `py:${tradePinyin}`,
  /** Pinyin of trade name + industry: meets "Heng Xiang Zhuang Shi … Machinery" with 恒祥|装饰机械设备. */
  corePinyin: (corePinyin: string) => `cpy:${corePinyin}`,
  /**
   * Counting keys on the trade name as written (characters; pinyin for English names): with its region
   * and industry ('-' when absent), and projections on either. With `py:` they tell whether a bare name
   * ("字节跳动") could also be another, same-named or same-sounding company.
   */
  signature: (trade: string, regionPinyin: string | null, industry: string) =>
    `pyq:${regionPinyin ?? '-'}|${trade}|${industry || '-'}`,
  tradeRegion: (trade: string, regionPinyin: string | null) => `tr:${regionPinyin ?? '-'}|${trade}`,
};

/**
 * MinHash bands over pinyin 4-grams: near-identical trade names (typos, odd romanisation) meet here. A
 * safety net, so its groups are used only while small (see LSH_PREFIX).
 */
const BANDS = 4;
const ROWS = 3;
const SHINGLE = 4;
/** Short pinyin (two syllables) has too few shingles for MinHash to mean anything; py: covers it. */
const MIN_LSH_LENGTH = 8;
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => Math.imul(0x9e3779b1, i + 1) >>> 0);

/** FNV-1a, 32 bits. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const LSH_PREFIX = 'lsh';

export function lshKeys(tradePinyin: string): string[] {
  if (tradePinyin.length < MIN_LSH_LENGTH) return [];
  const shingles: number[] = [];
  for (let i = 0; i + SHINGLE <= tradePinyin.length; i++)
    shingles.push(hash32(tradePinyin.slice(i, i + SHINGLE)));
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let bandHash = 0;
    for (let row = 0; row < ROWS; row++) {
      const seed = SEEDS[band * ROWS + row] ?? 0;
      let min = 0xffffffff;
      for (const s of shingles) {
        const h = mix(s, seed);
        if (h < min) min = h;
      }
      bandHash = mix(bandHash ^ min, seed);
    }
    keys.push(`${LSH_PREFIX}${band}:${bandHash.toString(36)}`);
  }
  return keys;
}

/** The trade name as written: characters for Chinese names, pinyin for English ones. */
export function tradeId(f: Features): string {
  return f.script === 'zh' ? f.tradeName : f.tradePinyin;
}

export type KeyKind = 'strong' | 'name' | 'shingle';

/**
 * How bulk dedupe uses a key: strong keys pair all holders; name keys (trade name alone) pair only holders
 * whose name is incomplete; shingle keys only small groups.
 */
export function keyKind(key: string): KeyKind {
  // Called for every key of every record: compare prefixes without allocating.
  switch (key.charCodeAt(0)) {
    case 108: // l
      return key.startsWith(LSH_PREFIX) ? 'shingle' : 'strong';
    case 112: // p: py: is a name key, pyq: and phone: are strong
      return key.startsWith('py:') ? 'name' : 'strong';
    case 116: // t
      return key.startsWith('trade:') || key.startsWith('tr:') ? 'name' : 'strong';
    case 110: // n
      return key.startsWith('name:') ? 'name' : 'strong';
    case 99: // c
      return key.startsWith('cpy:') ? 'name' : 'strong';
    default:
      return 'strong';
  }
}

export function blockingKeys(f: Features): string[] {
  const keys: string[] = [];
  if (f.uscc) keys.push(keyOf.uscc(f.uscc));
  for (const phone of f.phones) keys.push(keyOf.phone(phone));
  for (const email of f.emails) keys.push(keyOf.email(email));
  for (const domain of f.domains) keys.push(keyOf.domain(domain));
  if (f.tradeName) {
    const id = tradeId(f);
    const region = f.region?.pinyin ?? null;
    keys.push(
      keyOf.name(id, f.industry),
      keyOf.trade(id),
      keyOf.signature(id, region, f.industry),
      keyOf.tradeRegion(id, region),
    );
    if (f.tradePinyin) {
      keys.push(keyOf.pinyin(f.tradePinyin));
      if (f.corePinyin !== f.tradePinyin) keys.push(keyOf.corePinyin(f.corePinyin));
      keys.push(...lshKeys(f.tradePinyin));
    }
  }
  return keys;
}
