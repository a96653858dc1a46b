import { describe, expect, it } from 'vitest';
import { planRules } from '../../../../src/modules/commission/rules.js';
import {
  formatMajor,
  formatMinor,
  formFieldOf,
  liveExample,
  newRulesValues,
  periodStarts,
  planYear,
  versionTargets,
  tierRowProblems,
  toRules,
  toRulesValues,
  whatIfTotals,
  type RulesFormValues,
  type TierRow,
} from './planForm.js';

/** The dispute's tiers: < 80 % → 4 %, 80–100 % → 7 %, ≥ 100 % → 10 %. */
const disputeTiers: TierRow[] = [
  { from: '0', to: '80', includesFrom: true, includesTo: false, rate: '4' },
  { from: '80', to: '100', includesFrom: true, includesTo: false, rate: '7' },
  { from: '100', to: '', includesFrom: true, includesTo: false, rate: '10' },
];
const dispute = (): RulesFormValues => ({ ...newRulesValues('CNY'), tiers: disputeTiers });
const example = { target: '5000000', sales: '3000000', returns: '0', units: '' };

describe('liveExample', () => {
  it('pays the dispute’s 120,000.00 at 60 % attainment, by the engine', () => {
    const run = liveExample(dispute(), example)!;
    expect(run.result.earned).toBe(12_000_000n);
    expect(run.result.attainment).toBe('60.0000');
    expect(run.result.lines.map((l) => l.formula.code)).toEqual(['commission.tier_rate']);
  });

  it('pays the amendment’s 210,000.00 with target 4,000,000 and 7 % from 0 %', () => {
    const amended = { ...dispute(), tiers: [{ ...disputeTiers[0]!, to: '', rate: '7' }] };
    expect(liveExample(amended, { ...example, target: '4000000' })!.result.earned).toBe(21_000_000n);
  });

  it('nets returns when the plan nets them, and leaves them out otherwise', () => {
    const netted = liveExample(dispute(), { ...example, returns: '500000' })!;
    expect(netted.result.lines.map((l) => l.kind)).toEqual(['earning', 'returns']);
    expect(netted.result.earned).toBe(12_000_000n - 2_000_000n);
    const excluded = liveExample({ ...dispute(), returns: 'excluded' }, { ...example, returns: '500000' })!;
    expect(excluded.result.earned).toBe(12_000_000n);
  });

  it('slices the measure in marginal mode', () => {
    const run = liveExample({ ...dispute(), mode: 'marginal' }, { ...example, sales: '5000000' })!;
    // 80 % of 5M at 4 % + 20 % at 7 % = 160,000 + 70,000
    expect(run.result.earned).toBe(23_000_000n);
    expect(run.result.lines.every((l) => l.kind === 'tier_slice')).toBe(true);
  });

  it('tiers a rebate on volume without a target, and a units plan on the units sold', () => {
    const rebate: RulesFormValues = {
      ...dispute(),
      tierOn: 'volume',
      tiers: [
        { from: '0', to: '1000000', includesFrom: true, includesTo: false, rate: '2' },
        { from: '1000000', to: '', includesFrom: true, includesTo: false, rate: '3' },
      ],
    };
    const run = liveExample(rebate, { ...example, target: '', sales: '1500000' })!;
    expect(run.result.earned).toBe(4_500_000n);
    expect(run.result.tier).toBe(1);
    const units = liveExample(
      { ...dispute(), measure: 'units' },
      { target: '100', sales: '200000', returns: '0', units: '85' },
    )!;
    // 85 of 100 units: the 80–100 % tier, 7 % of the 200,000 sold.
    expect(units.result.earned).toBe(1_400_000n);
  });

  it('shows nothing while the tiers or the example do not check', () => {
    const gap = [...disputeTiers];
    gap[1] = { ...gap[1]!, from: '85' };
    expect(liveExample({ ...dispute(), tiers: gap }, example)).toBeNull();
    expect(liveExample(dispute(), { ...example, sales: '12.345' })).toBeNull();
  });
});

describe('tierRowProblems', () => {
  it('puts a gap on the row that starts late, as the server does', () => {
    const gap = [...disputeTiers];
    gap[1] = { ...gap[1]!, from: '85' };
    const problems = tierRowProblems(gap);
    expect([...problems.keys()]).toEqual([1]);
    expect(problems.get(1)![0]).toMatchObject({ field: 'from', code: 'TIER_GAP' });
  });

  it('finds nothing wrong with the dispute’s tiers', () => {
    expect(tierRowProblems(disputeTiers).size).toBe(0);
  });

  it('flags a bound included twice as an overlap on the inclusion toggle', () => {
    const twice = [...disputeTiers];
    twice[0] = { ...twice[0]!, includesTo: true };
    expect(tierRowProblems(twice).get(1)![0]).toMatchObject({ field: 'includesFrom', code: 'TIER_OVERLAP' });
  });
});

describe('rules and form values', () => {
  it('round-trips every part of the rules', () => {
    const rules = planRules.parse({
      currency: 'USD',
      period: 'quarter',
      yearStartMonth: 4,
      measure: 'margin',
      mode: 'marginal',
      tiers: toRules(dispute()).tiers,
      productRates: [{ productLineId: '7d1f1c52-3f55-4c58-9b3c-08c0d2a1c001', rate: '3' }],
      bonuses: [{ atLeast: '100', amount: '5000.00' }],
      cap: '90000',
      floor: null,
      bonusPool: { amount: '10000', atLeast: '110', split: 'measure' },
      draw: { amount: '2000', recoverable: false },
      graceDays: 15,
      clawback: { policy: 'recompute', windowDays: 90 },
      allowNegative: true,
      targetIndex: { code: 'CPI', basePeriod: '2026-01-01' },
    });
    expect(toRules(toRulesValues(rules))).toEqual(rules);
  });

  it('renames the API’s paths to the form’s', () => {
    expect(formFieldOf('rules.tiers.2.from')).toBe('rules.tiers.2.from');
    expect(formFieldOf('rules.bonusPool.amount')).toBe('rules.pool.amount');
    expect(formFieldOf('rules.productRates.0')).toBe('rules.productRates.0.id');
    expect(formFieldOf('rules.clawback.windowDays')).toBe('rules.windowDays');
  });
});

describe('money', () => {
  it('formats minor units with the sign and the currency’s decimals', () => {
    expect(formatMinor(12_000_000n, 'CNY', 'en')).toBe('120,000.00 CNY');
    expect(formatMinor('-50', 'CNY', 'en')).toBe('−0.50 CNY');
    expect(formatMinor(1234n, 'JPY', 'en')).toBe('1,234 JPY');
    expect(formatMajor('-90000.00', 'CNY', 'en')).toBe('−90,000.00 CNY');
  });

  it('sums the what-if answer per payee and in total, exactly, a never-calculated period as nothing', () => {
    const totals = whatIfTotals({
      currency: 'CNY',
      periods: [
        {
          periodStart: '2026-02-01',
          payees: [{ payeeId: 'b', name: 'Bo', current: null, whatIf: '0.30', difference: '0.30' }],
        },
        {
          periodStart: '2026-01-01',
          payees: [
            { payeeId: 'a', name: 'Ann', current: '120000.00', whatIf: '210000.00', difference: '90000.00' },
            { payeeId: 'b', name: 'Bo', current: '0.20', whatIf: '0.10', difference: '-0.10' },
          ],
        },
      ],
    });
    expect(totals.payees.map((p) => [p.name, p.current, p.whatIf, p.difference])).toEqual([
      ['Ann', '120000.00', '210000.00', '90000.00'],
      ['Bo', '0.20', '0.40', '0.20'],
    ]);
    expect(totals.payees[1]!.rows.map((r) => r.periodStart)).toEqual(['2026-01-01', '2026-02-01']);
    expect([totals.current, totals.whatIf, totals.difference]).toEqual([
      '120000.20',
      '210000.40',
      '90000.20',
    ]);
  });
});

describe('periods', () => {
  it('lists the quarters of a plan year starting in April', () => {
    expect(planYear({ period: 'quarter', yearStartMonth: 4 }, '2026-02-10')).toEqual([
      '2025-04-01',
      '2025-07-01',
      '2025-10-01',
      '2026-01-01',
    ]);
  });

  it('lists months from one date to another, both periods included', () => {
    expect(periodStarts({ period: 'month', yearStartMonth: 1 }, '2026-01-15', '2026-03-02')).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
  });

  it('shows a version’s own targets and those earlier published versions left in force', () => {
    const t = (payeeId: string, periodStart: string, target: string) => ({ payeeId, periodStart, target });
    const { own, inherited } = versionTargets(
      [
        {
          version: 1,
          status: 'published',
          targets: [t('a', '2026-01-01', '5000000.00'), t('b', '2026-01-01', '1.00')],
        },
        { version: 2, status: 'rejected', targets: [t('b', '2026-01-01', '9.00')] },
        { version: 3, status: 'draft', targets: [t('a', '2026-01-01', '4000000.00')] },
      ],
      3,
    );
    expect([...own]).toEqual([['a|2026-01-01', '4000000.00']]);
    expect(inherited.get('b|2026-01-01')).toBe('1.00');
  });
});
