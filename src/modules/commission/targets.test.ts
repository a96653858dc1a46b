import { describe, expect, it } from 'vitest';
import { isPeriodStart, periodOf } from './calendar.js';
import { planRules } from './rules.js';
import { checkTargets, historyWarnings, shownTarget, storedTarget } from './targets.js';

const rules = (over: Record<string, unknown> = {}) =>
  planRules.parse({ currency: 'CNY', period: 'month', tiers: [{ from: '0', to: null, rate: '5' }], ...over });

describe('a plan’s calendar', () => {
  it('finds months, quarters and years from the plan year’s first month', () => {
    expect(periodOf({ period: 'month', yearStartMonth: 1 }, '2026-02-14')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(periodOf({ period: 'quarter', yearStartMonth: 4 }, '2026-03-31')).toEqual({
      start: '2026-01-01',
      end: '2026-03-31',
    });
    expect(periodOf({ period: 'quarter', yearStartMonth: 2 }, '2026-01-10')).toEqual({
      start: '2025-11-01',
      end: '2026-01-31',
    });
    expect(periodOf({ period: 'year', yearStartMonth: 4 }, '2026-02-01')).toEqual({
      start: '2025-04-01',
      end: '2026-03-31',
    });
    expect(periodOf({ period: 'year', yearStartMonth: 1 }, '2024-12-31').end).toBe('2024-12-31');
    expect(periodOf({ period: 'month', yearStartMonth: 1 }, '2024-02-10').end).toBe('2024-02-29');
  });

  it('says whether a date starts a period', () => {
    expect(isPeriodStart({ period: 'quarter', yearStartMonth: 1 }, '2026-04-01')).toBe(true);
    expect(isPeriodStart({ period: 'quarter', yearStartMonth: 1 }, '2026-05-01')).toBe(false);
    expect(isPeriodStart({ period: 'year', yearStartMonth: 7 }, '2026-07-01')).toBe(true);
    expect(isPeriodStart({ period: 'month', yearStartMonth: 7 }, '2026-07-02')).toBe(false);
  });
});

describe('targets', () => {
  it('are stored in minor units for money and in whole units for units', () => {
    expect(storedTarget(rules(), '5000000.00')).toBe('500000000');
    expect(storedTarget(rules({ currency: 'JPY' }), '1000')).toBe('1000');
    expect(storedTarget(rules({ currency: 'JPY' }), '1000.5')).toMatchObject({
      problem: 'too_many_decimals',
    });
    expect(storedTarget(rules({ measure: 'units' }), '120')).toBe('120');
    expect(storedTarget(rules({ measure: 'units' }), '12.5')).toMatchObject({ problem: 'not_whole' });
    expect(shownTarget(rules(), '500000000')).toBe('5000000.00');
    expect(shownTarget(rules({ measure: 'units' }), '120')).toBe('120');
  });

  it('name every problem by index and save none when there is one', () => {
    const r = rules({ period: 'quarter' });
    const { rows, problems } = checkTargets(
      r,
      [
        { payeeId: 'a', periodStart: '2026-01-01', target: '10.00' },
        { payeeId: 'a', periodStart: '2026-02-01', target: '10.00' },
        { payeeId: 'b', periodStart: '2026-04-01', target: '10.00' },
        { payeeId: 'a', periodStart: '2026-01-01', target: '1.001' },
      ],
      new Set(['a']),
      'targets',
    );
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ['targets.1.periodStart', 'not_period_start'],
      ['targets.2.payeeId', 'unknown'],
      ['targets.3.periodStart', 'duplicate'],
      ['targets.3.target', 'too_many_decimals'],
    ]);
  });

  it('warn above 120 % of the best earlier period, and only then', () => {
    const r = rules({ period: 'quarter' });
    const monthly = new Map([
      [
        'a',
        [
          { month: '2025-01-01', minor: '300000' },
          { month: '2025-02-01', minor: '200000' }, // Q1 2025: 5000.00
          { month: '2025-04-01', minor: '400000' }, // Q2 2025: 4000.00
          { month: '2026-01-01', minor: '9900000' }, // the target's own quarter: not history
        ],
      ],
    ]);
    const at = (stored: string) =>
      historyWarnings(r, [{ payeeId: 'a', periodStart: '2026-01-01', stored }], monthly);
    expect(at('600000')).toEqual([]); // exactly 120 %
    expect(at('600001')).toEqual([
      {
        code: 'plan.target_above_history',
        params: {
          payeeId: 'a',
          periodStart: '2026-01-01',
          target: '6000.01',
          best: '5000.00',
          bestPeriodStart: '2025-01-01',
          ratio: '1.2',
          limitPercent: 120,
        },
      },
    ]);
    expect(historyWarnings(r, [{ payeeId: 'b', periodStart: '2026-01-01', stored: '1' }], monthly)).toEqual(
      [],
    );
    expect(
      historyWarnings(
        rules({ measure: 'units' }),
        [{ payeeId: 'a', periodStart: '2026-01-01', stored: '9' }],
        monthly,
      ),
    ).toEqual([]);
  });
});
