import { keyOf, tradeId } from './keys.js';
import type { Features, Region } from './normalize.js';
import type { MatchEvidence, ScoreConfig } from './score-config.js';

/** 1 for values shared by up to three records, then falling as 3/n: a 50-account hotline weighs 0.06. */
export function rarity(count: number): number {
  return count <= 3 ? 1 : 3 / count;
}

export function sharedValues(
  a: readonly string[],
  b: readonly string[],
  key: (v: string) => string,
  weight: number,
  config: ScoreConfig,
  code: 'phone.shared' | 'email.shared' | 'domain.shared',
  reasons: MatchEvidence[] | undefined,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Indexed loops and two running maxima: this runs for millions of pairs, almost always with 0–2 values.
  let best = 0;
  let rest = 0;
  let found = 0;
  for (let i = 0; i < a.length; i++) {
    const value = a[i] as string;
    let shared = false;
    for (let j = 0; j < b.length; j++) if (b[j] === value) shared = true;
    if (!shared) continue;
    const count = Math.max(2, config.frequency(key(value)));
    const points = weight * rarity(count);
    reasons?.push({ code, params: { value, holders: count }, points });
    found++;
    if (points > best) {
      rest += best;
      best = points;
    } else rest += points;
  }
  if (found === 0) return 0;
  // The best value counts fully, each further one a quarter. Summed in sorted order when more than two,
  // so the argument order cannot change the last bit.
  if (found > 2) {
    const all = a
      .filter((v) => b.includes(v))
      .map((v) => weight * rarity(Math.max(2, config.frequency(key(v)))));
    all.sort((x, y) => y - x);
    return all.reduce((sum, p, i) => sum + (i === 0 ? p : p / 4), 0);
  }
  return best + rest / 4;
}

export function regionRelation(
  a: Region,
  b: Region,
  crossScript: boolean,
): 'equal' | 'compatible' | 'conflict' {
  if (crossScript) {
    if (a.pinyin === b.pinyin) return 'equal';
    if (a.provincePinyin !== b.provincePinyin) return 'conflict';
    return a.level === 'province' || b.level === 'province' ? 'compatible' : 'conflict';
  }
  if (a.name === b.name) return 'equal';
  if (a.province !== b.province) return 'conflict';
  return a.level === 'province' || b.level === 'province' ? 'compatible' : 'conflict';
}

/** How many records with trade name `trade` are consistent with a region and industry ('' / null: open). */
function consistentWith(trade: string, region: string | null, industry: string, config: ScoreConfig): number {
  const f = config.frequency;
  if (region && industry) {
    return (
      f(keyOf.signature(trade, region, industry)) +
      f(keyOf.signature(trade, region, '')) +
      f(keyOf.signature(trade, null, industry)) +
      f(keyOf.signature(trade, null, ''))
    );
  }
  if (industry) return f(keyOf.name(trade, industry)) + f(keyOf.name(trade, ''));
  if (region) return f(keyOf.tradeRegion(trade, region)) + f(keyOf.tradeRegion(trade, null));
  return f(keyOf.trade(trade));
}

/** Sum over the distinct trade ids of a pair (characters for Chinese records, pinyin for English ones). */
function overTrades(ids: readonly string[], count: (trade: string) => number): number {
  let sum = 0;
  for (let i = 0; i < ids.length; i++)
    if (ids.indexOf(ids[i] as string) === i) sum += count(ids[i] as string);
  return sum;
}

/**
 * Whether a name left partly open (no region or no industry on one side) still means one company: nothing
 * else in the population sounds like it, and every record the open side could mean is also consistent
 * with the other side. A bare 华源 beside 北京华源科技 and 上海华源科技 is ambiguous; beside
 * 北京华源科技 and 上海华源贸易, 华源科技 is not.
 */
export function bareNameUnique(a: Features, b: Features, config: ScoreConfig): boolean {
  const regionA = a.region?.pinyin ?? null;
  const regionB = b.region?.pinyin ?? null;
  if (regionA && regionB && a.industry && b.industry) return false; // complete: region and industry decide
  if (regionA && regionB && regionA !== regionB) return false;
  if (a.industry && b.industry && a.industry !== b.industry) return false;
  const ids = [tradeId(a), tradeId(b), a.tradePinyin];
  if (a.script !== b.script || a.script === 'en') {
    // An English name is only sounds: 古月 or 谷悦? Any same-sounding company written otherwise is a rival.
    const written = overTrades(ids, (t) => config.frequency(keyOf.trade(t)));
    if (config.frequency(keyOf.pinyin(a.tradePinyin)) > written) return false;
  }
  const region = regionA ?? regionB;
  const industry = a.industry || b.industry;
  const both = overTrades(ids, (t) => consistentWith(t, region, industry, config));
  if (overTrades(ids, (t) => consistentWith(t, regionA, a.industry, config)) > both) return false;
  return overTrades(ids, (t) => consistentWith(t, regionB, b.industry, config)) <= both;
}
