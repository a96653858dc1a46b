import { branchFormAtEnd, legalFormAtEnd } from './legal-form.js';
import {
  EN_BRANCH_TOKENS,
  EN_INDUSTRY_MAX_TOKENS,
  EN_INDUSTRY_PHRASES,
  EN_LEGAL_TOKENS,
  ZH_BRANCH,
  ZH_INDUSTRY_MAX,
  ZH_INDUSTRY_WORDS,
  ZH_LEGAL_QUALIFIER,
} from './name-words.js';
import { toPinyin } from './pinyin.js';
import type { Region } from './regions.js';
import {
  isEnglishRegionName,
  matchDistrictPrefix,
  matchRegionPrefix,
  regionByName,
  regionByPinyin,
  regionsCompatible,
} from './regions.js';
import { hasCjk, normalizeName } from './text.js';

export interface ParsedName {
  /** The normalised full name. */
  text: string;
  script: 'zh' | 'en';
  region: Region | null;
  /** 字号: the distinctive core, e.g. 字节跳动; for English names the remaining words. */
  tradeName: string;
  /** Pinyin of the trade name (English trade words joined as written). */
  tradePinyin: string;
  /** Canonical Chinese industry words joined, e.g. 网络科技; '' when the name has none. */
  industry: string;
  legalForm: string | null;
  isBranch: boolean;
  branchName: string | null;
}

/** Chinese names keep at least this many characters of trade name; English names one word. */
const MIN_ZH_TRADE = 2;
const BRACKET = /\(([^()]*)\)/g;
const NATIONAL = new Set(['中国', '中华', 'china', 'prc', 'cn']);

export function parseCompanyName(input: string): ParsedName {
  const { text, mainland } = normalizeName(input);
  if (!hasCjk(text)) return parseEnglish(text);
  const parsed = parseChinese(text);
  if (mainland === null || mainland === text) return parsed;
  const reworded = parseChinese(mainland);
  return regionalWordsOnly(parsed, reworded) ? reworded : parsed;
}

/**
 * Whether reading a traditional name in mainland words changed only its industry words: words the
 * character-by-character reading left in the trade name (華源資訊 + 技術) are mainland industry words
 * (华源 + 信息技术). A conversion that rewrites the trade name itself (a Taiwan transliteration such as 賓士
 * → 奔驰, or 智慧 → 智能 inside a brand) is not taken: a trade name is a name, not vocabulary. Nor is one
 * that only swaps industry words the mainland uses too (通訊 stays 通讯, not 通信).
 */
function regionalWordsOnly(parsed: ParsedName, reworded: ParsedName): boolean {
  return (
    reworded.tradeName.length >= MIN_ZH_TRADE &&
    reworded.tradeName.length < parsed.tradeName.length &&
    parsed.tradeName.startsWith(reworded.tradeName) &&
    reworded.region?.name === parsed.region?.name &&
    reworded.legalForm === parsed.legalForm &&
    reworded.isBranch === parsed.isBranch
  );
}

function wholeRegion(content: string): Region | null {
  const match = matchRegionPrefix(content);
  return match && match.length === content.length ? match.region : null;
}

function moreSpecific(a: Region | null, b: Region | null): Region | null {
  if (!a) return b;
  if (!b) return a;
  return b.level === 'city' && a.level === 'province' ? b : a;
}

function parseChinese(text: string): ParsedName {
  // Written from inside the replace callback, so kept in an object TypeScript does not narrow.
  const found: { region: Region | null; branch: string | null; isBranch: boolean } = {
    region: null,
    branch: null,
    isBranch: false,
  };
  let rest = text.replace(BRACKET, (_whole, content: string) => {
    const region = wholeRegion(content);
    if (region) {
      found.region ??= region;
      return '';
    }
    if (NATIONAL.has(content) || !hasCjk(content)) return ''; // (中国), (Huawei): qualifiers and aliases
    if (ZH_LEGAL_QUALIFIER.test(content)) return '';
    const branch = ZH_BRANCH.exec(content);
    if (branch) {
      found.isBranch = true;
      found.branch = content.slice(0, branch.index) || null;
      return '';
    }
    return content; // (集团) and the like belong to the name
  });
  rest = rest.replace(/[()]/g, '');
  let { isBranch, branch: branchName } = found;
  const bracketed = found.region;
  let legalForm: string | null = null;

  const branch = branchAtEnd(rest);
  if (branch >= MIN_ZH_TRADE) {
    isBranch = true;
    const before = rest.slice(0, branch);
    const split = lastLegalFormEnd(before);
    if (split > 0) {
      branchName = before.slice(split) || branchName;
      rest = before.slice(0, split);
    } else {
      const region = trailingRegion(before);
      branchName = region ? before.slice(before.length - region) : branchName;
      rest = before.slice(0, before.length - region);
    }
  }

  const legal = legalFormAtEnd(rest, MIN_ZH_TRADE, endsWithIndustryWord);
  if (legal) {
    legalForm = legal.canonical;
    rest = rest.slice(0, rest.length - legal.length);
  }

  let prefixRegion: Region | null = null;
  const first = matchRegionPrefix(rest);
  if (
    first &&
    rest.length - first.length >= MIN_ZH_TRADE &&
    (!bracketed || regionsCompatible(first.region, bracketed))
  ) {
    prefixRegion = first.region;
    rest = rest.slice(first.length);
    const second = first.region.level === 'province' ? matchRegionPrefix(rest) : null;
    if (
      second &&
      second.region.province === first.region.province &&
      rest.length - second.length >= MIN_ZH_TRADE
    ) {
      prefixRegion = second.region;
      rest = rest.slice(second.length);
    }
    const district = matchDistrictPrefix(rest);
    if (district && rest.length - district >= MIN_ZH_TRADE) rest = rest.slice(district);
  }

  const industry: string[] = [];
  outer: while (rest.length > MIN_ZH_TRADE) {
    for (let len = Math.min(ZH_INDUSTRY_MAX, rest.length - MIN_ZH_TRADE); len >= 2; len--) {
      const word = rest.slice(rest.length - len);
      if (ZH_INDUSTRY_WORDS.has(word)) {
        industry.unshift(word);
        rest = rest.slice(0, rest.length - len);
        continue outer;
      }
    }
    break;
  }

  return {
    text,
    script: 'zh',
    region: moreSpecific(prefixRegion, bracketed),
    tradeName: rest,
    tradePinyin: toPinyin(rest),
    industry: industry.join(''),
    legalForm,
    isBranch,
    branchName,
  };
}

/** Whether `text` ends in an industry word (…信息技术), which a legal form follows directly. */
function endsWithIndustryWord(text: string): boolean {
  for (let len = Math.min(ZH_INDUSTRY_MAX, text.length - 1); len >= 2; len--) {
    if (ZH_INDUSTRY_WORDS.has(text.slice(text.length - len))) return true;
  }
  return false;
}

/** Where a branch marker at the end of `text` starts (…有限公司|北京分公司, also 分工司 or a cut-off 分公), or -1. */
function branchAtEnd(text: string): number {
  const exact = ZH_BRANCH.exec(text);
  if (exact) return exact.index;
  const typed = branchFormAtEnd(text, MIN_ZH_TRADE, endsWithIndustryWord);
  return typed ? text.length - typed.length : -1;
}

/** End index of the last legal form inside `text` (…有限公司|北京, also …有线公司|北京), or 0. */
function lastLegalFormEnd(text: string): number {
  for (let end = text.length; end >= MIN_ZH_TRADE + 3; end--) {
    // 公司/集团 alone are too common inside names to split on.
    const form = legalFormAtEnd(text.slice(0, end), MIN_ZH_TRADE, endsWithIndustryWord);
    if (form && form.length >= 3) return end;
  }
  return 0;
}

/** Length of a region name (with 市 etc.) ending `text`, or 0. */
function trailingRegion(text: string): number {
  for (let len = Math.min(8, text.length - MIN_ZH_TRADE); len >= 2; len--) {
    const tail = text.slice(text.length - len);
    const match = matchRegionPrefix(tail);
    if (match && match.length === len) return len;
  }
  return 0;
}

/**
 * A region written as English words at `from`. Several words only when they are a known English name
 * ("Hong Kong") or `anyJoin` (inside brackets): "Lu Zhou Yuan" is a trade name, not 泸州 + Yuan.
 */
function regionFromWords(
  words: string[],
  from: number,
  anyJoin = false,
): { region: Region; count: number } | null {
  for (let count = Math.min(3, words.length - from); count >= 1; count--) {
    const joined = words.slice(from, from + count).join('');
    if (count > 1 && !anyJoin && !isEnglishRegionName(joined)) continue;
    const region = regionByPinyin(joined);
    if (region) return { region, count };
  }
  return null;
}

function parseEnglish(text: string): ParsedName {
  const bracketed: { region: Region | null } = { region: null };
  const unwrapped = text.replace(BRACKET, (_whole, content: string) => {
    const words = content.trim().split(' ');
    const found = regionFromWords(words, 0, true);
    if (found && found.count === words.length) {
      bracketed.region ??= found.region;
      return ' ';
    }
    return NATIONAL.has(content.trim()) ? ' ' : ` ${content} `;
  });
  let words = unwrapped.replace(/[()]/g, ' ').split(' ').filter(Boolean);

  let isBranch = false;
  let branchName: string | null = null;
  while (words.length > 1 && EN_BRANCH_TOKENS.has(words[words.length - 1] ?? '')) {
    isBranch = true;
    words.pop();
  }
  if (isBranch) {
    let legalEnd = words.length;
    while (legalEnd > 1 && !EN_LEGAL_TOKENS.has(words[legalEnd - 1] ?? '')) legalEnd--;
    if (legalEnd > 1 && legalEnd < words.length) {
      branchName = words.slice(legalEnd).join(' ');
      words = words.slice(0, legalEnd);
    }
  }

  let legalForm: string | null = null;
  while (words.length > 1) {
    const last = words[words.length - 1] ?? '';
    const form = EN_LEGAL_TOKENS.get(last);
    if (form === undefined && last !== 'and' && last !== '&') break;
    if (form && (legalForm === null || form.length > legalForm.length)) legalForm = form;
    words.pop();
  }

  while (words.length > 1 && (words[0] === 'the' || NATIONAL.has(words[0] ?? ''))) words.shift();
  let prefixRegion: Region | null = null;
  const first = regionFromWords(words, 0);
  const inBrackets = bracketed.region;
  if (
    first &&
    words.length - first.count >= 1 &&
    (!inBrackets || regionsCompatible(first.region, inBrackets))
  ) {
    prefixRegion = first.region;
    words = words.slice(first.count);
    const second = first.region.level === 'province' ? regionFromWords(words, 0) : null;
    if (second && second.region.province === first.region.province && words.length - second.count >= 1) {
      prefixRegion = second.region;
      words = words.slice(second.count);
    }
  }

  const industry: string[] = [];
  outer: while (words.length > 1) {
    for (let count = Math.min(EN_INDUSTRY_MAX_TOKENS, words.length - 1); count >= 1; count--) {
      const zh = EN_INDUSTRY_PHRASES.get(words.slice(words.length - count).join(' '));
      if (zh) {
        industry.unshift(zh);
        words = words.slice(0, words.length - count);
        while (words.length > 1 && (words[words.length - 1] === 'and' || words[words.length - 1] === '&')) {
          words.pop();
        }
        continue outer;
      }
    }
    break;
  }

  const tradeName = words.join(' ');
  return {
    text,
    script: 'en',
    region: moreSpecific(prefixRegion, bracketed.region),
    tradeName,
    tradePinyin: toPinyin(words.join('')),
    industry: industry.join(''),
    legalForm,
    isBranch,
    branchName,
  };
}

/** A trade name that is only an industry word, a region, or a single character says little. */
export function isGenericTrade(tradeName: string): boolean {
  if (!tradeName) return true;
  if (hasCjk(tradeName))
    return tradeName.length < 2 || ZH_INDUSTRY_WORDS.has(tradeName) || regionByName(tradeName) !== undefined;
  return tradeName.replace(/ /g, '').length < 3 || EN_INDUSTRY_PHRASES.has(tradeName);
}
