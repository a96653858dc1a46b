/**
 * What a cluster of records says about the one company it is. Bulk de-duplication merges clusters along
 * 'same' pairs, strongest first, and refuses a merge whose clusters contradict each other: a chain of
 * links (北京华源科技 — 华源科技 — 上海华源科技) must not join two companies that no single pair would. A
 * refused pair is then reported below 'same', with the contradiction as its evidence, so that the verdicts
 * a run reports always agree with its clusters.
 *
 * Facts only accumulate as clusters merge, and every rule asks whether some fact of one cluster contradicts
 * some fact of the other: two clusters conflict when two of their records do, and a refusal stays right
 * however the clusters grow afterwards. The exception is a USCC: two clusters holding one valid USCC are
 * one registered company, whatever else their names say.
 */
import type { MatchEvidence } from './evidence.js';
import type { Features } from './normalize.js';
import { designates } from './normalize.js';
import { pinyinSimilarity, SIMILAR_NAMES } from './similarity.js';

/** A Chinese trade name in the cluster and the industry words it was written with. */
interface TradeFact {
  trade: string;
  pinyin: string;
  /** Industry words written with the trade name in full company names (上海校友之家环保科技有限公司)… */
  registeredIndustries: readonly string[];
  /** …and in short ones (校友之家科技), which may leave words out. */
  industries: readonly string[];
  /** Written as a company's full name (with a legal form, or region and industry), not as a brand. */
  registered: boolean;
}

export interface ClusterFacts {
  /** A valid USCC; a cluster never holds two. */
  uscc: string | null;
  /** Per record, the province of the region in its name, or else of its valid USCC. */
  provinces: readonly string[];
  /** Prefecture-level cities in names. */
  cities: readonly string[];
  trades: readonly TradeFact[];
}

export type ClusterConflict = Extract<MatchEvidence, { code: `cluster.${string}` }>;

const NONE: readonly never[] = Object.freeze([]);

/** The facts of one record. Regions from an address are left out: offices move, names do not. */
export function recordFacts(f: Features): ClusterFacts {
  const region = f.regionSource === 'name' ? f.region : null;
  // Industry words count per trade name: a brand's words (松下照明) say nothing about its company's legal
  // name. English names split trade and industry words less reliably (Zhuang Shi = 装饰?), so only Chinese
  // trade names that say something count.
  const trades =
    f.script === 'zh' && !f.genericName && f.tradeName
      ? [
          {
            trade: f.tradeName,
            pinyin: f.tradePinyin,
            registeredIndustries: f.industry && designates(f) ? [f.industry] : NONE,
            industries: f.industry && !designates(f) ? [f.industry] : NONE,
            registered: designates(f),
          },
        ]
      : NONE;
  const province = region?.province ?? f.usccProvince;
  return {
    uscc: f.uscc,
    provinces: province ? [province] : NONE,
    cities: region?.level === 'city' ? [region.name] : NONE,
    trades,
  };
}

/** Two values, one of each list, that differ; null when there are none. */
function differing(a: readonly string[], b: readonly string[]): { a: string; b: string } | null {
  for (const x of a) {
    for (const y of b) if (x !== y) return { a: x, b: y };
  }
  return null;
}

/**
 * Industry words of one trade name that cannot be one company's: 科技 beside 贸易; and two full company
 * names with different words (校友之家科技有限公司 and 校友之家环保科技有限公司 are two registrations). A short
 * name may leave words out: 当升科技 beside 当升科技实业集团有限公司 is one company.
 */
function industriesConflict(x: TradeFact, y: TradeFact): { a: string; b: string } | null {
  const registered = differing(x.registeredIndustries, y.registeredIndustries);
  if (registered) return registered;
  for (const a of [x.registeredIndustries, x.industries]) {
    for (const b of [y.registeredIndustries, y.industries]) {
      for (const i of a) {
        for (const j of b) if (!i.includes(j) && !j.includes(i)) return { a: i, b: j };
      }
    }
  }
  return null;
}

/** Why clusters `a` and `b` cannot be one company, as evidence from `a`'s side; null when they can. */
export function factsConflict(a: ClusterFacts, b: ClusterFacts): ClusterConflict | null {
  if (a.uscc && b.uscc) {
    if (a.uscc !== b.uscc) return { code: 'cluster.uscc_conflict', params: { a: a.uscc, b: b.uscc } };
    return null;
  }
  const regions = differing(a.cities, b.cities) ?? differing(a.provinces, b.provinces);
  if (regions) return { code: 'cluster.region_conflict', params: regions };
  for (const x of a.trades) {
    for (const y of b.trades) {
      if (x.trade !== y.trade) {
        if (namesConflict(x, y)) return { code: 'cluster.name_conflict', params: { a: x.trade, b: y.trade } };
        continue;
      }
      const industries = industriesConflict(x, y);
      if (industries) return { code: 'cluster.industry_conflict', params: { name: x.trade, ...industries } };
    }
  }
  return null;
}

/**
 * Two trade names that cannot be one company's: written alike but not the same (益龙 and 医龙 are two
 * firms), or two full company names that are not one name mistyped. A company has one registered name, so
 * a brand tied to it by a phone cannot bring in another company's full name that shares the phone.
 */
function namesConflict(x: TradeFact, y: TradeFact): boolean {
  if (x.pinyin === y.pinyin) return true;
  return x.registered && y.registered && pinyinSimilarity(x.pinyin, y.pinyin) < SIMILAR_NAMES;
}

/**
 * Adds the facts of `b` to `a` (the merged cluster keeps `a`'s facts object); returns `a`. The lists of
 * `a` are replaced rather than changed, so facts of one record may share lists.
 */
export function mergeFacts(a: ClusterFacts, b: ClusterFacts): ClusterFacts {
  a.uscc ??= b.uscc;
  a.provinces = union(a.provinces, b.provinces);
  a.cities = union(a.cities, b.cities);
  a.trades = mergeTrades(a.trades, b.trades);
  return a;
}

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  let out: string[] | null = null;
  for (const x of b) {
    if (a.includes(x) || out?.includes(x)) continue;
    out ??= [...a];
    out.push(x);
  }
  return out ?? a;
}

function mergeTrades(a: readonly TradeFact[], b: readonly TradeFact[]): readonly TradeFact[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = [...a];
  for (const y of b) {
    let at = 0;
    while (at < out.length && out[at]?.trade !== y.trade) at++;
    const x = out[at];
    if (!x) out.push(y);
    else
      out[at] = {
        ...x,
        registeredIndustries: union(x.registeredIndustries, y.registeredIndustries),
        industries: union(x.industries, y.industries),
        registered: x.registered || y.registered,
      };
  }
  return out;
}
