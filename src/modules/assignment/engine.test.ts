import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_CONDITIONS, type Rule, type RuleConditions, type RuleTarget } from './assignment.schema.js';
import {
  conditionMisses,
  decideAssignment,
  weightedPick,
  type AccountFacts,
  type Candidate,
  type Cursor,
  type RuleSetForEngine,
} from './engine.js';
import { GUANGZHOU } from './testing.js';

const NONE = NO_CONDITIONS;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TEAM = uuid(900);
const POOL = uuid(901);
const rule = (n: number, conditions: Partial<RuleConditions>, target: RuleTarget): Rule => ({
  key: uuid(100 + n),
  name: `rule ${n}`,
  conditions: { ...NONE, ...conditions },
  target,
});
const set = (...rules: Rule[]): RuleSetForEngine => ({ id: uuid(999), version: 3, rules });
const account = (facts: Partial<AccountFacts> = {}): AccountFacts => ({ ...GUANGZHOU, ...facts });
const rep = (n: number, facts: Partial<Candidate> = {}): Candidate => ({
  userId: uuid(n),
  status: 'active',
  absences: [],
  held: 0,
  capacity: null,
  ...facts,
});
const DAY = '2026-11-29';
const roundRobin: RuleTarget = { type: 'round_robin', teamId: TEAM, includeManagers: false };
const pool: RuleTarget = { type: 'pool', poolId: POOL };

/** Runs `times` assignments one after another, carrying the cursor as the service does. */
function run(rs: RuleSetForEngine, candidates: Candidate[], times: number) {
  const byRule = new Map(rs.rules.map((r) => [r.key, candidates]));
  let cursors = new Map<string, Cursor>();
  const counts = new Map<string, number>();
  for (let i = 0; i < times; i++) {
    const { assignment, cursor } = decideAssignment(rs, account(), byRule, cursors, DAY);
    const target = assignment!.target;
    const who = target.type === 'user' ? target.userId : target.type;
    counts.set(who, (counts.get(who) ?? 0) + 1);
    if (cursor) cursors = new Map([...cursors, [cursor.ruleKey, cursor.cursor]]);
  }
  return counts;
}

describe('decideAssignment', () => {
  it('says why each earlier rule did not apply, with the values compared', () => {
    const rs = set(
      rule(0, { regions: ['310000'] }, pool),
      rule(1, { regions: ['440000'], excludeRegions: ['440100'] }, pool),
      rule(2, { industries: ['C'], sizes: ['large'] }, pool),
      rule(3, { regions: ['440000'] }, roundRobin),
    );
    const { assignment } = decideAssignment(rs, account(), new Map([[uuid(103), [rep(1)]]]), new Map(), DAY);
    expect(assignment!.target).toEqual({ type: 'user', userId: uuid(1) });
    expect(assignment!.rule).toEqual({
      id: uuid(103),
      version: 3,
      params: { ruleSetId: uuid(999), name: 'rule 3', position: 3, target: 'round_robin' },
    });
    expect(assignment!.notApplied.map((n) => n.evidence)).toEqual([
      [{ code: 'rule.region_not_included', params: { regionCode: '440106', prefixes: ['31'] } }],
      [{ code: 'rule.region_excluded', params: { regionCode: '440106', prefix: '4401' } }],
      [
        { code: 'rule.industry_not_included', params: { industryCode: '65', industries: ['C'] } },
        { code: 'rule.size_not_included', params: { size: 'small', values: ['large'] } },
      ],
    ]);
  });

  it('passes by inactive, absent and full reps, saying why, and moves on when nobody is left', () => {
    const reps = [
      rep(1, { status: 'inactive' }),
      rep(2, { absences: [{ from: '2026-11-20', to: DAY }] }),
      rep(3, { held: 5, capacity: 5 }),
    ];
    const rs = set(rule(0, {}, roundRobin), rule(1, {}, pool));
    const { assignment, cursor } = decideAssignment(
      rs,
      account(),
      new Map([[uuid(100), reps]]),
      new Map(),
      DAY,
    );
    expect(assignment!.target).toEqual({ type: 'pool', poolId: POOL });
    expect(cursor).toBeNull();
    expect(assignment!.notApplied[0]!.evidence).toEqual([
      { code: 'rule.matched', params: { position: 0 } },
      { code: 'rule.no_eligible_candidate', params: { candidates: 3 } },
      { code: 'rep.inactive', params: { userId: uuid(1), status: 'inactive' } },
      { code: 'rep.absent', params: { userId: uuid(2), from: '2026-11-20', to: DAY } },
      { code: 'rep.at_capacity', params: { userId: uuid(3), held: 5, capacity: 5 } },
    ]);
    // The day after the absence, rep 2 takes it, and the others are still named as skipped.
    const next = decideAssignment(rs, account(), new Map([[uuid(100), reps]]), new Map(), '2026-11-30');
    expect(next.assignment!.target).toEqual({ type: 'user', userId: uuid(2) });
    expect(next.assignment!.evidence.map((e) => e.code)).toEqual([
      'rule.matched',
      'assign.round_robin',
      'rep.inactive',
      'rep.at_capacity',
    ]);
  });

  it('returns null when no rule applies', () => {
    const rs = set(rule(0, { tags: ['vip'] }, pool));
    expect(decideAssignment(rs, account(), new Map(), new Map(), DAY)).toEqual({
      assignment: null,
      cursor: null,
    });
  });

  it('gives a least-loaded rule to whoever holds fewest, sharing ties in turn', () => {
    const target: RuleTarget = { type: 'least_loaded', teamId: TEAM, includeManagers: false };
    const rs = set(rule(0, {}, target));
    const reps = [rep(1, { held: 4 }), rep(2, { held: 2 }), rep(3, { held: 2 })];
    const first = decideAssignment(rs, account(), new Map([[uuid(100), reps]]), new Map(), DAY);
    expect(first.assignment!.target).toEqual({ type: 'user', userId: uuid(2) });
    const second = decideAssignment(
      rs,
      account(),
      new Map([[uuid(100), reps]]),
      new Map([[uuid(100), first.cursor!.cursor]]),
      DAY,
    );
    expect(second.assignment!.target).toEqual({ type: 'user', userId: uuid(3) });
  });

  it('fires the first rule whose conditions hold, and records every earlier one (property)', () => {
    const regions = fc.constantFrom('110000', '440000', '440100', '440106', '310000');
    const conditions = fc.record({
      regions: fc.subarray(['110000', '440000', '440100', '310000']),
      excludeRegions: fc.subarray(['440100', '440106']),
      industries: fc.subarray(['C', 'I', '65', '51']),
      sizes: fc.subarray(['small', 'large'] as const),
      tags: fc.subarray(['vip', 'gov']),
      group: fc.constantFrom('any' as const, 'group' as const, 'standalone' as const),
    });
    const facts = fc.record({
      regionCode: fc.option(regions, { nil: null }),
      industryCode: fc.option(fc.constantFrom('65', '51', '13'), { nil: null }),
      size: fc.option(fc.constantFrom('small', 'large'), { nil: null }),
      tags: fc.subarray(['vip', 'gov']),
      parentId: fc.option(fc.constant(uuid(5)), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(conditions, { maxLength: 6 }), facts, (list, f) => {
        const rs = set(...list.map((c, i) => rule(i, c, pool)));
        const a = account(f);
        const { assignment } = decideAssignment(rs, a, new Map(), new Map(), DAY);
        const first = rs.rules.findIndex((r) => conditionMisses(r, a).length === 0);
        if (first < 0) {
          expect(assignment).toBeNull();
          return;
        }
        expect(assignment!.rule.params.position).toBe(first);
        expect(assignment!.notApplied.map((n) => n.rule.params.position)).toEqual([...Array(first).keys()]);
        for (const n of assignment!.notApplied) expect(n.evidence.length).toBeGreaterThan(0);
      }),
    );
  });

  it('shares a round-robin evenly among eligible reps, never to an ineligible one (property)', () => {
    const candidate = fc.record({
      status: fc.constantFrom('active', 'active', 'inactive'),
      away: fc.boolean(),
      capacity: fc.option(fc.constant(0), { nil: null, freq: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 60 }),
        (specs, times) => {
          const reps = specs.map((s, i) =>
            rep(i + 1, {
              status: s.status,
              absences: s.away ? [{ from: DAY, to: DAY }] : [],
              capacity: s.capacity,
            }),
          );
          const eligible = specs.filter(
            (s) => s.status === 'active' && !s.away && s.capacity === null,
          ).length;
          const counts = run(set(rule(0, {}, roundRobin), rule(1, {}, pool)), reps, times);
          if (eligible === 0) {
            expect(counts.get('pool')).toBe(times);
            return;
          }
          const given = reps.map((r, i) => {
            const n = counts.get(r.userId) ?? 0;
            const s = specs[i]!;
            if (s.status !== 'active' || s.away || s.capacity !== null) expect(n).toBe(0);
            return n;
          });
          const served = given.filter(
            (_, i) => specs[i]!.status === 'active' && !specs[i]!.away && specs[i]!.capacity === null,
          );
          expect(Math.max(...served) - Math.min(...served)).toBeLessThanOrEqual(1);
          expect(served.reduce((s, n) => s + n, 0)).toBe(times);
        },
      ),
    );
  });

  it('gives each rep exactly its weight over a cycle of the weights (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), (ws) => {
        const weights = ws.map((weight, i) => ({ userId: uuid(i + 1), weight }));
        const total = ws.reduce((s, w) => s + w, 0);
        const target: RuleTarget = {
          type: 'weighted',
          teamId: TEAM,
          includeManagers: false,
          weightSource: 'manual',
          weights,
        };
        const reps = weights.map((w, i) => rep(i + 1, { weight: w.weight }));
        const counts = run(set(rule(0, {}, target)), reps, total * 2);
        weights.forEach((w) => expect(counts.get(w.userId)).toBe(w.weight * 2));
      }),
    );
  });

  it('interleaves weighted picks instead of handing out runs', () => {
    const weights = [
      { userId: 'a', weight: 5 },
      { userId: 'b', weight: 1 },
      { userId: 'c', weight: 1 },
    ];
    const picks = Array.from({ length: 7 }, (_, n) => weightedPick(weights, n)).join('');
    expect(picks).toBe('aabacaa');
  });

  it('shares evenly when nobody won anything last month', () => {
    const target: RuleTarget = {
      type: 'weighted',
      teamId: TEAM,
      includeManagers: false,
      weightSource: 'last_period',
      weights: [],
    };
    const counts = run(set(rule(0, {}, target)), [rep(1, { weight: 0 }), rep(2, { weight: 0 })], 4);
    expect([counts.get(uuid(1)), counts.get(uuid(2))]).toEqual([2, 2]);
  });
});

describe('release, transfer and the key-account manager', () => {
  const team = set(rule(1, {}, roundRobin));
  const byRule = (rs: RuleSetForEngine, candidates: Candidate[]) =>
    new Map(rs.rules.map((r) => [r.key, candidates]));

  it('runs a rule without triggers on create and transfer, not on release; one that lists release runs then', () => {
    const people = byRule(team, [rep(1)]);
    expect(
      decideAssignment(team, account({ trigger: 'transfer' }), people, new Map(), DAY).assignment,
    ).not.toBeNull();
    const released = decideAssignment(team, account({ trigger: 'release' }), people, new Map(), DAY);
    expect(released.assignment).toBeNull();
    const onRelease = set(rule(1, { triggers: ['release'] }, roundRobin));
    expect(
      decideAssignment(
        onRelease,
        account({ trigger: 'release' }),
        byRule(onRelease, [rep(1)]),
        new Map(),
        DAY,
      ).assignment?.target,
    ).toEqual({ type: 'user', userId: uuid(1) });
    expect(conditionMisses(onRelease.rules[0]!, account({ trigger: 'create' }))).toEqual([
      { code: 'rule.trigger_not_included', params: { trigger: 'create', values: ['release'] } },
    ]);
  });

  it('passes the former owner by, saying so', () => {
    const { assignment } = decideAssignment(team, account(), byRule(team, [rep(1), rep(2)]), new Map(), DAY, {
      exclude: new Set([uuid(1)]),
    });
    expect(assignment?.target).toEqual({ type: 'user', userId: uuid(2) });
    expect(assignment?.evidence).toContainEqual({ code: 'rep.former_owner', params: { userId: uuid(1) } });
  });

  it('gives a group customer to its eligible KAM first, else records why and runs the rules', () => {
    const kamFirst = { ...team, keyAccountManagerFirst: true };
    const group = account({ parentId: uuid(500) });
    const kam = { groupId: uuid(500), candidate: rep(7) };
    const first = decideAssignment(kamFirst, group, byRule(kamFirst, [rep(1)]), new Map(), DAY, {
      keyAccountManager: kam,
    });
    expect(first.assignment?.target).toEqual({ type: 'user', userId: uuid(7) });
    expect(first.assignment?.rule.id).toBe('assignment.key_account_manager_first');
    expect(first.cursor).toBeNull();
    const away = { ...kam, candidate: rep(7, { absences: [{ from: DAY, to: DAY }] }) };
    const next = decideAssignment(kamFirst, group, byRule(kamFirst, [rep(1)]), new Map(), DAY, {
      keyAccountManager: away,
    });
    expect(next.assignment?.target).toEqual({ type: 'user', userId: uuid(1) });
    expect(next.assignment?.notApplied[0]?.evidence[0]?.code).toBe('rep.absent');
    const none = decideAssignment(kamFirst, group, byRule(kamFirst, [rep(1)]), new Map(), DAY);
    expect(none.assignment?.notApplied[0]?.evidence[0]?.code).toBe('kam.none');
    // A standalone customer is not a group's: the right does not come into it.
    const alone = decideAssignment(kamFirst, account(), byRule(kamFirst, [rep(1)]), new Map(), DAY, {
      keyAccountManager: kam,
    });
    expect(alone.assignment?.notApplied).toEqual([]);
  });
});
