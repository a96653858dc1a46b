import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_CONDITIONS, type Rule, type RuleConditions, type RuleTarget } from './assignment.schema.js';
import { conditionMisses } from './engine.js';
import { covers, validateRules, type Known } from './validate-rules.js';

const NONE = NO_CONDITIONS;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const known: Known = { users: new Set([id(1)]), teams: new Set([id(2)]), pools: new Set([id(3)]) };
const pool: RuleTarget = { type: 'pool', poolId: id(3) };
const team: RuleTarget = { type: 'round_robin', teamId: id(2), includeManagers: false };
const rule = (name: string, conditions: Partial<RuleConditions>, target: RuleTarget = pool): Rule => ({
  key: id(50),
  name,
  conditions: { ...NONE, ...conditions },
  target,
});

describe('validateRules', () => {
  it('names every unknown code and id by its field', () => {
    const { problems } = validateRules(
      [
        rule(
          'a',
          { regions: ['440000', '999999'], industries: ['Z', '65', '00'] },
          {
            type: 'weighted',
            teamId: id(9),
            includeManagers: false,
            weightSource: 'manual',
            weights: [{ userId: id(8), weight: 0 }],
          },
        ),
        rule('b', {}, { type: 'user', userId: id(7) }),
        rule('c', { sizes: ['large'] }, { type: 'pool', poolId: id(6) }),
      ],
      known,
    );
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ['rules.0.conditions.regions.1', 'unknown_region'],
      ['rules.0.conditions.industries.0', 'unknown_industry'],
      ['rules.0.conditions.industries.2', 'unknown_industry'],
      ['rules.0.target.teamId', 'unknown_team'],
      ['rules.0.target.weights.0.userId', 'unknown_user'],
      ['rules.0.target.weights', 'no_weight'],
      ['rules.1.target.userId', 'unknown_user'],
      ['rules.2.target.poolId', 'unknown_pool'],
    ]);
  });

  it('refuses a region both included and excluded, or excluded by a wider one', () => {
    const { problems } = validateRules(
      [rule('a', { regions: ['440100', '310000'], excludeRegions: ['440000'] })],
      known,
    );
    expect(problems).toEqual([
      {
        field: 'rules.0.conditions.regions.0',
        problem: 'excluded_region',
        message: expect.stringContaining('440000'),
      },
    ]);
  });

  it('reports a rule an earlier pool rule always takes first, and lets a team rule have a fallback', () => {
    const { problems, conflicts } = validateRules(
      [
        rule('south', { regions: ['440000'] }),
        rule('guangzhou', { regions: ['440100'], sizes: ['large'] }, team),
        rule('shanghai team', { regions: ['310000'] }, team),
        rule('shanghai fallback', { regions: ['310000'] }),
      ],
      known,
    );
    expect(conflicts).toEqual([{ rule: 1, shadowedBy: 0 }]);
    expect(problems.map((p) => [p.field, p.problem])).toEqual([['rules.1.conditions', 'shadowed']]);
  });

  it('never calls a rule covered when some account matches it but not the other (property)', () => {
    const conditions = fc.record({
      regions: fc.subarray(['440000', '440100', '440106', '310000']),
      excludeRegions: fc.subarray(['440100', '440106', '310000']),
      industries: fc.subarray(['C', 'I', '65', '13']),
      sizes: fc.subarray(['small', 'large'] as const),
      tags: fc.subarray(['vip', 'gov']),
      group: fc.constantFrom('any' as const, 'group' as const, 'standalone' as const),
    });
    const account = fc.record({
      regionCode: fc.option(fc.constantFrom('440106', '440105', '440303', '310101', '110101'), { nil: null }),
      industryCode: fc.option(fc.constantFrom('65', '13', '14', '51'), { nil: null }),
      size: fc.option(fc.constantFrom('small', 'large'), { nil: null }),
      source: fc.constant(null),
      tags: fc.subarray(['vip', 'gov']),
      parentId: fc.option(fc.constant(id(5)), { nil: null }),
    });
    fc.assert(
      fc.property(
        conditions,
        conditions,
        fc.array(account, { minLength: 20, maxLength: 20 }),
        (o, i, accounts) => {
          const outer = rule('o', o);
          const inner = rule('i', i);
          if (!covers(outer.conditions, inner.conditions)) return;
          for (const a of accounts)
            if (conditionMisses(inner, a).length === 0) expect(conditionMisses(outer, a)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
