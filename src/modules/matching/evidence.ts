/**
 * What the scorer can say about two records, as codes with parameters. The server never writes a sentence
 * here: the web translates each code (match.evidence.<code>) and the CLI renders English with
 * evidence-text.ts. Adding a code means adding its params below, its English phrase and its translations;
 * the type checker names each place that is missing.
 */
import type { Evidence } from '../../kernel/decision.js';
import type { UsccProblem } from './uscc.js';

export const EVIDENCE_CODES = [
  'uscc.equal',
  'uscc.conflict',
  'uscc.ignored',
  'name.equal',
  'name.homophone',
  'name.similar',
  'name.different',
  'name.unique',
  'name.claimed',
  'name.unclaimed',
  'region.equal',
  'region.compatible',
  'region.conflict',
  'region.uscc_province_equal',
  'region.uscc_province_conflict',
  'industry.equal',
  'industry.compatible',
  'industry.conflict',
  'legal_form.differs',
  'phone.shared',
  'email.shared',
  'domain.shared',
  'phone.none_shared',
  'domain.none_shared',
  'branch.mismatch',
  'branch.conflict',
  'cluster.uscc_conflict',
  'cluster.region_conflict',
  'cluster.industry_conflict',
  'cluster.name_conflict',
] as const;
export type EvidenceCode = (typeof EVIDENCE_CODES)[number];

/** The two compared values, in the order the records were given. */
type Pair = { a: string; b: string };
type Shared = {
  value: string;
  /** How many records of the population carry the value, both compared ones included (at least 2). */
  holders: number;
};
type Regions = Pair & {
  /** One side's region came only from its address, not its name (a conflict then weighs less). */
  fromAddress: boolean;
};
type None = Record<string, never>;

/** Parameters per code. Type aliases, not interfaces, so that each is a JsonObject. */
export type EvidenceParams = {
  'uscc.equal': { uscc: string };
  /** A hard rule: two valid, different USCCs are two companies. */
  'uscc.conflict': Pair;
  /** One per side whose USCC failed validation; never weighed. */
  'uscc.ignored': { uscc: string; problem: UsccProblem };
  'name.equal': Pair;
  'name.homophone': Pair;
  /** `similarity`: 0..1, pinyin similarity of the trade names, two decimals. */
  'name.similar': Pair & { similarity: number };
  'name.different': Pair;
  /** A name open on one side is still one company: nothing else in the population carries it. */
  'name.unique': { name: string; industry: string | null; region: string | null };
  /** A bare name that the population has as another company's trade name, written out more fully. */
  'name.claimed': { name: string };
  /** A bare name no company in the population goes by: it may be a brand of the other side. */
  'name.unclaimed': { name: string };
  'region.equal': Regions;
  'region.compatible': Regions;
  'region.conflict': Regions;
  /** One side's region (from its name) against the province in the other side's valid USCC. */
  'region.uscc_province_equal': { region: string; province: string };
  'region.uscc_province_conflict': { region: string; province: string };
  'industry.equal': Pair;
  'industry.compatible': Pair;
  'industry.conflict': Pair;
  /** Noted, not weighed: legal forms are typed too loosely to tell companies apart. */
  'legal_form.differs': Pair;
  'phone.shared': Shared;
  'email.shared': Shared;
  'domain.shared': Shared;
  'phone.none_shared': None;
  'domain.none_shared': None;
  /** A hard rule: a branch office and its parent are separate customers. */
  'branch.mismatch': None;
  'branch.conflict': Pair;
  /**
   * Bulk de-duplication only, hard rules: a pair that scored 'same' but whose clusters contradict each
   * other through other records (a chain 北京华源 — 华源 — 上海华源) is kept apart. `a` is this side's
   * cluster, `b` the other's: two USCCs, two regions, two sets of industry words for trade name `name`,
   * or two company names (two full names, or two written differently that sound alike).
   */
  'cluster.uscc_conflict': Pair;
  'cluster.region_conflict': Pair;
  'cluster.industry_conflict': Pair & { name: string };
  'cluster.name_conflict': Pair;
};

/**
 * One piece of match evidence: the kernel's Evidence with a code from the list above and its parameters.
 * `points` is its log-odds contribution; it is absent where nothing is weighed (the hard rules and the
 * notes: uscc.conflict, uscc.ignored, legal_form.differs, branch.mismatch, cluster.*).
 */
export type MatchEvidence = {
  [C in EvidenceCode]: Evidence & { code: C; params: EvidenceParams[C] };
}[EvidenceCode];
