import { evidence, type Evidence, type JsonObject, type RuleRef } from '../../kernel/index.js';
import { industryCodesFor } from '../industries/index.js';
import { regionPrefix } from '../regions/index.js';
import { DEFAULT_TRIGGERS, type AssignTrigger, type Rule, type RuleTarget } from './assignment.schema.js';

/**
 * The assignment engine: which rule of a rule set takes an account, and whom it goes to. Pure — the service
 * reads the candidates, their loads, absences and the rules' cursors, locks the cursors, and writes back the
 * one cursor that moved.
 *
 * - Rules are tried in order; the first whose conditions all hold and that finds someone eligible fires.
 *   Every rule tried before it says why it did not apply, as evidence codes with parameters.
 * - A rule whose conditions hold but whose people are all ineligible (inactive, absent that day, at
 *   capacity) does not end the evaluation: it records `rule.no_eligible_candidate` with each rep's reason,
 *   and the next rule is tried. A later rule with the same conditions is therefore a fallback ("the team,
 *   else the pool"), and an account never lands on someone who is away because an earlier rule matched.
 * - A team, pool or queue target never falls through.
 */

export interface RuleSetForEngine {
  id: string;
  /** 0 for a draft, which has no version yet. */
  version: number;
  rules: readonly Rule[];
  /** A group customer goes to the group's key-account manager first, when eligible. */
  keyAccountManagerFirst?: boolean;
}

export interface AccountFacts {
  regionCode: string | null;
  industryCode: string | null;
  size: string | null;
  source: string | null;
  tags: readonly string[];
  parentId: string | null;
  /** The account has subsidiaries (a parent of a group). */
  isGroup?: boolean | undefined;
  productLine?: string | null | undefined;
  /** The occasion: rules run only on the triggers they list (by default create, import and transfer). */
  trigger?: AssignTrigger | undefined;
}

/** What the caller knows beyond the account: who must not get it, and the group's key-account manager. */
export interface DecideOptions {
  /** People passed by whatever the rule (the former owner of a released or transferred customer). */
  exclude?: ReadonlySet<string>;
  /** The key-account manager of the account's group, with their eligibility facts, if the group has one. */
  keyAccountManager?: { groupId: string; candidate: Candidate } | null;
}

export interface Candidate {
  userId: string;
  status: string;
  /** Absence ranges (inclusive, organisation-local dates) that may cover the day. */
  absences: readonly { from: string; to: string }[];
  /** Open accounts the user holds. */
  held: number;
  capacity: number | null;
  /** Weighted targets only: the rep's weight (manual, or won deals last month). */
  weight?: number;
}

/** Where a rule's rotation stands: how many it has handed out, and to whom it gave the last one. */
export interface Cursor {
  position: number;
  lastUserId: string | null;
}

export type AssignmentTarget =
  { type: 'user'; userId: string } | { type: 'team'; teamId: string } | { type: 'pool'; poolId: string };

export interface Assignment {
  target: AssignmentTarget;
  rule: RuleRef;
  evidence: Evidence[];
  notApplied: { rule: RuleRef; evidence: Evidence[] }[];
}

export interface EngineResult {
  assignment: Assignment | null;
  /** The firing rule's cursor after this assignment, for rules that rotate. */
  cursor: { ruleKey: string; cursor: Cursor } | null;
}

/** Targets that pick among people, and so keep a cursor. */
export const ROTATING: ReadonlySet<RuleTarget['type']> = new Set(['round_robin', 'least_loaded', 'weighted']);
export const needsCandidates = (target: RuleTarget) => target.type === 'user' || ROTATING.has(target.type);

export function ruleRef(set: RuleSetForEngine, rule: Rule, position: number): RuleRef {
  return {
    id: rule.key,
    version: set.version,
    params: { ruleSetId: set.id, name: rule.name, position, target: rule.target.type },
  };
}

/** Why a rule's conditions do not hold for an account; empty when they all hold. */
export function conditionMisses(rule: Rule, account: AccountFacts): Evidence[] {
  const c = rule.conditions;
  const misses: Evidence[] = [];
  const region = account.regionCode;
  if (c.regions.length) {
    const prefixes = c.regions.map(regionPrefix);
    if (!region) misses.push(evidence('rule.region_missing', { prefixes }));
    else if (!prefixes.some((p) => region.startsWith(p)))
      misses.push(evidence('rule.region_not_included', { regionCode: region, prefixes }));
  }
  const excluded = region ? c.excludeRegions.map(regionPrefix).find((p) => region.startsWith(p)) : undefined;
  if (region && excluded)
    misses.push(evidence('rule.region_excluded', { regionCode: region, prefix: excluded }));
  if (c.industries.length) {
    const industry = account.industryCode;
    if (!industry) misses.push(evidence('rule.industry_missing', { industries: c.industries }));
    else if (!c.industries.some((code) => industryCodesFor(code).includes(industry) || code === industry))
      misses.push(
        evidence('rule.industry_not_included', { industryCode: industry, industries: c.industries }),
      );
  }
  const among = (code: string, key: string, value: string | null | undefined, values: readonly string[]) => {
    if (values.length && (!value || !values.includes(value)))
      misses.push(evidence(code, { [key]: value ?? null, values: [...values] }));
  };
  among('rule.size_not_included', 'size', account.size, c.sizes);
  among('rule.source_not_included', 'source', account.source, c.sources);
  among('rule.product_line_not_included', 'productLine', account.productLine, c.productLines);
  if (c.tags.length && !account.tags.some((t) => c.tags.includes(t)))
    misses.push(evidence('rule.tags_not_matched', { tags: [...account.tags], values: [...c.tags] }));
  if (c.group === 'group' && !isGroupCustomer(account)) misses.push(evidence('rule.not_group'));
  if (c.group === 'standalone' && isGroupCustomer(account)) misses.push(evidence('rule.group_customer'));
  const triggers = c.triggers.length ? c.triggers : DEFAULT_TRIGGERS;
  if (account.trigger && !triggers.includes(account.trigger))
    misses.push(evidence('rule.trigger_not_included', { trigger: account.trigger, values: [...triggers] }));
  return misses;
}

export const isGroupCustomer = (account: AccountFacts) =>
  account.parentId !== null || account.isGroup === true;

/** Whether any rule of a set can run on this occasion (a release is routed only by rules that say so). */
export const runsOn = (set: RuleSetForEngine, trigger: AssignTrigger) =>
  (set.keyAccountManagerFirst === true && trigger !== 'transfer') ||
  set.rules.some((r) => effectiveTriggers(r).includes(trigger));

export const effectiveTriggers = (rule: { conditions: Rule['conditions'] }): readonly AssignTrigger[] =>
  rule.conditions.triggers.length ? rule.conditions.triggers : DEFAULT_TRIGGERS;

/** The group key-account manager's first right, as the rule a decision names. */
export const KAM_RULE = 'assignment.key_account_manager_first';

/** Why a person cannot take an account on `date`, or null when they can. */
export function ineligibility(candidate: Candidate, date: string): Evidence | null {
  const userId = candidate.userId;
  if (candidate.status !== 'active') return evidence('rep.inactive', { userId, status: candidate.status });
  const away = candidate.absences.find((a) => a.from <= date && date <= a.to);
  if (away) return evidence('rep.absent', { userId, from: away.from, to: away.to });
  if (candidate.capacity !== null && candidate.held >= candidate.capacity)
    return evidence('rep.at_capacity', { userId, held: candidate.held, capacity: candidate.capacity });
  return null;
}

/** Candidates in rotation order: after the one served last, wrapping around; ids give the order. */
function rotation<T extends { userId: string }>(candidates: readonly T[], lastUserId: string | null): T[] {
  const sorted = [...candidates].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  if (lastUserId === null) return sorted;
  const next = sorted.findIndex((c) => c.userId > lastUserId);
  return next < 0 ? sorted : [...sorted.slice(next), ...sorted.slice(0, next)];
}

/**
 * The smooth weighted round-robin sequence (as nginx spreads requests): over one cycle of `sum(weights)`
 * picks each rep gets exactly its weight, interleaved rather than in runs. Position n of the cycle is
 * recomputed from the cursor, so nothing but the position needs storing.
 */
export function weightedPick(
  weights: readonly { userId: string; weight: number }[],
  position: number,
): string {
  const total = weights.reduce((s, w) => s + w.weight, 0);
  const current = weights.map(() => 0);
  const steps = (position % total) + 1;
  let chosen = 0;
  for (let step = 0; step < steps; step++) {
    chosen = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i]! += weights[i]!.weight;
      if (current[i]! > current[chosen]!) chosen = i;
    }
    current[chosen]! -= total;
  }
  return weights[chosen]!.userId;
}

interface Pick {
  userId: string;
  evidence: Evidence;
  cursor: Cursor;
}

function pickPerson(
  target: Extract<RuleTarget, { type: 'round_robin' | 'least_loaded' | 'weighted' }>,
  eligible: readonly Candidate[],
  cursor: Cursor,
): Pick | null {
  const advance = (userId: string) => ({ position: cursor.position + 1, lastUserId: userId });
  const give = (userId: string, code: string, params: JsonObject): Pick => ({
    userId,
    evidence: evidence(code, { teamId: target.teamId, ...params }),
    cursor: advance(userId),
  });
  const order = rotation(eligible, cursor.lastUserId);
  switch (target.type) {
    case 'round_robin': {
      const chosen = order[0];
      return chosen
        ? give(chosen.userId, 'assign.round_robin', { eligible: order.length, after: cursor.lastUserId })
        : null;
    }
    case 'least_loaded': {
      // Fewest held wins; among equals, the rotation decides, so ties are shared out too.
      const chosen = order.reduce<Candidate | undefined>(
        (best, c) => (!best || c.held < best.held ? c : best),
        undefined,
      );
      return chosen
        ? give(chosen.userId, 'assign.least_loaded', { held: chosen.held, eligible: order.length })
        : null;
    }
    case 'weighted': {
      let weights = rotation(eligible, null).map((c) => ({ userId: c.userId, weight: c.weight ?? 0 }));
      // Nobody won anything last month: share evenly rather than stop. Manual zero weights mean "not this rule".
      if (target.weightSource === 'last_period' && weights.every((w) => w.weight === 0))
        weights = weights.map((w) => ({ ...w, weight: 1 }));
      weights = weights.filter((w) => w.weight > 0);
      if (weights.length === 0) return null;
      const userId = weightedPick(weights, cursor.position);
      const total = weights.reduce((s, w) => s + w.weight, 0);
      const weight = weights.find((w) => w.userId === userId)!.weight;
      return give(userId, 'assign.weighted', { source: target.weightSource, weight, totalWeight: total });
    }
  }
}

/**
 * Decides one account: the first rule that matches and finds a target fires. `candidatesByRule` holds, per
 * rule key, the people a user or team target may choose from (the named user for a user target); `cursors`
 * the rotating rules' places; `date` the organisation-local day (absences are in that calendar).
 */
export function decideAssignment(
  set: RuleSetForEngine,
  account: AccountFacts,
  candidatesByRule: ReadonlyMap<string, readonly Candidate[]>,
  cursors: ReadonlyMap<string, Cursor>,
  date: string,
  options: DecideOptions = {},
): EngineResult {
  const notApplied: Assignment['notApplied'] = [];
  const passedBy = (c: Candidate) =>
    options.exclude?.has(c.userId)
      ? evidence('rep.former_owner', { userId: c.userId })
      : ineligibility(c, date);
  if (set.keyAccountManagerFirst && isGroupCustomer(account)) {
    const ref: RuleRef = { id: KAM_RULE, version: set.version, params: { ruleSetId: set.id } };
    const kam = options.keyAccountManager;
    const why = kam ? passedBy(kam.candidate) : evidence('kam.none');
    if (kam && !why)
      return {
        assignment: {
          target: { type: 'user', userId: kam.candidate.userId },
          rule: ref,
          evidence: [
            evidence('assign.key_account_manager', { userId: kam.candidate.userId, groupId: kam.groupId }),
          ],
          notApplied,
        },
        cursor: null,
      };
    notApplied.push({ rule: ref, evidence: [why!] });
  }
  for (const [position, rule] of set.rules.entries()) {
    const ref = ruleRef(set, rule, position);
    const misses = conditionMisses(rule, account);
    if (misses.length) {
      notApplied.push({ rule: ref, evidence: misses });
      continue;
    }
    const matched = evidence('rule.matched', { position });
    const target = rule.target;
    const fire = (to: AssignmentTarget, why: Evidence[], cursor: Cursor | null = null): EngineResult => ({
      assignment: { target: to, rule: ref, evidence: [matched, ...why], notApplied },
      cursor: cursor && { ruleKey: rule.key, cursor },
    });
    if (target.type === 'pool')
      return fire({ type: 'pool', poolId: target.poolId }, [
        evidence('assign.pool', { poolId: target.poolId }),
      ]);
    if (target.type === 'team_queue')
      return fire({ type: 'team', teamId: target.teamId }, [
        evidence('assign.team_queue', { teamId: target.teamId }),
      ]);

    const candidates = candidatesByRule.get(rule.key) ?? [];
    const skipped: Evidence[] = [];
    const eligible = candidates.filter((c) => {
      const why = passedBy(c);
      if (why) skipped.push(why);
      return !why;
    });
    const pick =
      target.type === 'user'
        ? eligible.find((c) => c.userId === target.userId) && {
            userId: target.userId,
            evidence: evidence('assign.user', { userId: target.userId }),
            cursor: null,
          }
        : pickPerson(target, eligible, cursors.get(rule.key) ?? { position: 0, lastUserId: null });
    if (pick) return fire({ type: 'user', userId: pick.userId }, [pick.evidence, ...skipped], pick.cursor);
    notApplied.push({
      rule: ref,
      evidence: [
        matched,
        evidence('rule.no_eligible_candidate', { candidates: candidates.length }),
        ...skipped,
      ],
    });
  }
  return { assignment: null, cursor: null };
}
