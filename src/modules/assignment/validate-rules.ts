import type { FieldProblem } from '../../errors.js';
import { findIndustry, industryCodesFor, isSection } from '../industries/index.js';
import { findRegion, regionPrefix } from '../regions/index.js';
import type { Rule, RuleConditions } from './assignment.schema.js';
import { effectiveTriggers } from './engine.js';

/**
 * What makes a rule set wrong before anyone is assigned by it: codes that name no region or industry, people,
 * teams and pools that do not exist, a rule that contradicts itself, and a rule that can never fire because
 * an earlier one takes every account it would. Pure: the service says which ids exist.
 */

export interface Known {
  users: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  pools: ReadonlySet<string>;
}

/** A later rule that an earlier one always pre-empts. */
export interface Conflict {
  rule: number;
  shadowedBy: number;
}

type Rules = readonly Pick<Rule, 'name' | 'conditions' | 'target'>[];

/** Every id a rule set refers to, for the service to look up. */
export function referencedIds(rules: Rules) {
  const users = new Set<string>();
  const teams = new Set<string>();
  const pools = new Set<string>();
  for (const { target } of rules) {
    if (target.type === 'user') users.add(target.userId);
    else if (target.type === 'pool') pools.add(target.poolId);
    else teams.add(target.teamId);
    if (target.type === 'weighted') for (const w of target.weights) users.add(w.userId);
  }
  return { users: [...users], teams: [...teams], pools: [...pools] };
}

const problem = (field: string, code: string, message: string): FieldProblem => ({
  field,
  problem: code,
  message,
});

function codeProblems(c: RuleConditions, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, codes] of [
    ['regions', c.regions],
    ['excludeRegions', c.excludeRegions],
  ] as const)
    codes.forEach((code, i) => {
      if (!findRegion(code))
        problems.push(problem(`${at}.${key}.${i}`, 'unknown_region', `${code} is not a GB/T 2260 code`));
    });
  c.industries.forEach((code, i) => {
    if (!isSection(code) && !findIndustry(code))
      problems.push(
        problem(
          `${at}.industries.${i}`,
          'unknown_industry',
          `${code} is not a GB/T 4754 section or division`,
        ),
      );
  });
  // Excluding what is included (or something wider) leaves nothing of it.
  c.regions.forEach((code, i) => {
    const p = regionPrefix(code);
    const cut = c.excludeRegions.find((e) => findRegion(e) && p.startsWith(regionPrefix(e)));
    if (findRegion(code) && cut)
      problems.push(problem(`${at}.regions.${i}`, 'excluded_region', `${code} is also excluded (by ${cut})`));
  });
  return problems;
}

function targetProblems(rule: Rules[number], at: string, known: Known): FieldProblem[] {
  const t = rule.target;
  const problems: FieldProblem[] = [];
  if (t.type === 'user' && !known.users.has(t.userId))
    problems.push(problem(`${at}.target.userId`, 'unknown_user', 'no active user has this id'));
  if (t.type === 'pool' && !known.pools.has(t.poolId))
    problems.push(problem(`${at}.target.poolId`, 'unknown_pool', 'no open pool has this id'));
  if (t.type !== 'user' && t.type !== 'pool' && !known.teams.has(t.teamId))
    problems.push(problem(`${at}.target.teamId`, 'unknown_team', 'no team has this id'));
  if (t.type === 'weighted') {
    t.weights.forEach((w, i) => {
      if (!known.users.has(w.userId))
        problems.push(
          problem(`${at}.target.weights.${i}.userId`, 'unknown_user', 'no active user has this id'),
        );
    });
    if (t.weightSource === 'manual' && !t.weights.some((w) => w.weight > 0))
      problems.push(problem(`${at}.target.weights`, 'no_weight', 'give at least one rep a weight above 0'));
  }
  return problems;
}

/** Every account matching `inner` matches `outer` too (as far as codes tell: a safe under-estimate). */
export function covers(outer: RuleConditions, inner: RuleConditions): boolean {
  const subset = (o: readonly string[], i: readonly string[]) =>
    o.length === 0 || (i.length > 0 && i.every((v) => o.includes(v)));
  const divisions = (codes: readonly string[]) => codes.flatMap((c) => industryCodesFor(c));
  const innerIn = inner.regions.length ? inner.regions.map(regionPrefix) : [''];
  const outerIn = outer.regions.length ? outer.regions.map(regionPrefix) : [''];
  const regionsCovered =
    innerIn.every((p) => outerIn.some((q) => p.startsWith(q))) &&
    // What the outer rule leaves out must be left out of the inner one as well.
    outer.excludeRegions.map(regionPrefix).every((e) => {
      const overlaps = innerIn.some((p) => p.startsWith(e) || e.startsWith(p));
      return !overlaps || inner.excludeRegions.map(regionPrefix).some((f) => e.startsWith(f));
    });
  return (
    regionsCovered &&
    subset(divisions(outer.industries), divisions(inner.industries)) &&
    subset(outer.sizes, inner.sizes) &&
    subset(outer.sources, inner.sources) &&
    subset(outer.tags, inner.tags) &&
    subset(outer.productLines, inner.productLines) &&
    (outer.group === 'any' || outer.group === inner.group) &&
    effectiveTriggers({ conditions: inner }).every((t) =>
      effectiveTriggers({ conditions: outer }).includes(t),
    )
  );
}

/**
 * Problems with a rule set, each naming its field (`rules.2.conditions.regions.0`), and the shadowed rules.
 * Only a pool or a team queue always takes what it matches, so only those shadow: a later rule under a
 * user or team distribution is its fallback for days when nobody there is eligible.
 */
export function validateRules(
  rules: Rules,
  known: Known,
): { problems: FieldProblem[]; conflicts: Conflict[] } {
  const problems: FieldProblem[] = [];
  const conflicts: Conflict[] = [];
  rules.forEach((rule, j) => {
    const at = `rules.${j}`;
    problems.push(...codeProblems(rule.conditions, `${at}.conditions`), ...targetProblems(rule, at, known));
    const by = rules.findIndex(
      (earlier, i) =>
        i < j &&
        (earlier.target.type === 'pool' || earlier.target.type === 'team_queue') &&
        covers(earlier.conditions, rule.conditions),
    );
    if (by >= 0) {
      conflicts.push({ rule: j, shadowedBy: by });
      problems.push(
        problem(
          `${at}.conditions`,
          'shadowed',
          `every account this rule matches is taken by rule ${by + 1} (${rules[by]!.name}) first`,
        ),
      );
    }
  });
  return { problems, conflicts };
}
