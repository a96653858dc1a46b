/** Types, weights and thresholds of match scoring; see score.ts for the rules that use them. */
import type { MatchEvidence } from './evidence.js';

export type { EvidenceCode, EvidenceParams, MatchEvidence } from './evidence.js';
export { EVIDENCE_CODES } from './evidence.js';

export type Verdict = 'same' | 'possible' | 'different';

export interface MatchResult {
  /** 0..1, the logistic of the summed points (after the hard rules). */
  score: number;
  verdict: Verdict;
  /** Codes with parameters (evidence.ts); the prior plus their points is the score, unless a hard rule decided. */
  reasons: MatchEvidence[];
}

/** Score thresholds (0..1): at or above `same` → same, at or above `possible` → possible. */
export interface MatchThresholds {
  same: number;
  possible: number;
}

/** Log-odds points per piece of evidence. Shared values (phone, e-mail, domain) are scaled by rarity. */
export interface MatchWeights {
  prior: number;
  usccEqual: number;
  nameEqual: number;
  nameHomophone: number;
  nameSimilar: number;
  nameDifferent: number;
  /**
   * When one side is a bare name (no legal form, nor both region and industry words): brand names and
   * short names differ more innocently.
   */
  nameDifferentBare: number;
  /** Added when that bare name is the trade name of a company written out more fully in the list… */
  nameClaimed: number;
  /** …and when no company in the list goes by it: it may be a brand of the other (name.unclaimed). */
  nameUnclaimed: number;
  nameUnique: number;
  /** Factor on name agreement when a trade name is only a generic word (医药, 北京). */
  genericNameFactor: number;
  regionEqual: number;
  regionCompatible: number;
  regionConflict: number;
  /** A conflict where one region only comes from the address (offices move; names do not). */
  regionConflictAddress: number;
  /** One side's name region against the province in the other side's USCC. */
  usccProvinceEqual: number;
  usccProvinceConflict: number;
  industryEqual: number;
  industryConflict: number;
  /** 网络科技 vs 科技: a different registered name, though less clearly than 贸易 vs 科技. */
  industryPartial: number;
  phone: number;
  email: number;
  domain: number;
  /** Both have phones (or company domains) and none is shared. */
  phonesDisjoint: number;
  domainsDisjoint: number;
  branchConflict: number;
}

export const DEFAULT_THRESHOLDS: MatchThresholds = { same: 0.9, possible: 0.6 };

export const DEFAULT_WEIGHTS: MatchWeights = {
  prior: -2,
  usccEqual: 8,
  nameEqual: 3,
  nameHomophone: 1,
  nameSimilar: 2,
  nameDifferent: -3,
  nameDifferentBare: -1,
  nameClaimed: -2,
  nameUnclaimed: 1.5,
  nameUnique: 1.5,
  genericNameFactor: 0.3,
  regionEqual: 1.5,
  regionCompatible: 0.5,
  regionConflict: -5,
  regionConflictAddress: -2,
  usccProvinceEqual: 0.5,
  usccProvinceConflict: -3,
  industryEqual: 0.5,
  industryConflict: -2,
  industryPartial: -1,
  phone: 4,
  email: 3,
  domain: 5.5,
  phonesDisjoint: -0.5,
  domainsDisjoint: -0.5,
  branchConflict: -4,
};

export interface ScoreOptions {
  /**
   * How many records of the population carry `key` (a blocking key from keys.ts), counting both compared
   * records. Without it every value counts as rare and every name as unique.
   */
  frequency?: (key: string) => number;
  thresholds?: Partial<MatchThresholds>;
  weights?: Partial<MatchWeights>;
}

export interface ScoreConfig {
  frequency: (key: string) => number;
  thresholds: MatchThresholds;
  weights: MatchWeights;
  samePoints: number;
  possiblePoints: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

export function pointsToScore(points: number): number {
  return 1 / (1 + Math.exp(-points));
}

export function scoreConfig(options: ScoreOptions = {}): ScoreConfig {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  if (!(thresholds.possible > 0 && thresholds.possible <= thresholds.same && thresholds.same < 1)) {
    throw new RangeError('thresholds must satisfy 0 < possible <= same < 1');
  }
  return {
    frequency: options.frequency ?? (() => 1),
    thresholds,
    weights: { ...DEFAULT_WEIGHTS, ...options.weights },
    samePoints: logit(thresholds.same),
    possiblePoints: logit(thresholds.possible),
  };
}
