import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { ENGLISH_WORD, loadTranslators, TEST_LANGUAGES } from '../../i18n/testing.js';
import { attainmentOption } from './attainmentChart.js';
import {
  ADJUSTMENT_KINDS,
  LINE_KINDS,
  PERIOD_STATUSES,
  type DisputeStatus,
  type StatementCredit,
  type StatementLine,
} from './statements.api.js';
import {
  SIGNED_AMOUNT,
  adjustmentReason,
  attainmentColor,
  attainmentText,
  canDispute,
  disputesByLine,
  creditTotals,
  customerName,
  formatMoney,
  periodActions,
  periodLabel,
  sumDecimals,
} from './statementView.js';

const line = (over: Partial<StatementLine>): StatementLine => ({
  id: 'l1',
  lineNo: 1,
  kind: 'earning',
  amount: '0.00',
  basis: null,
  rate: null,
  tier: null,
  formula: { code: 'commission.tier_rate', params: {} },
  adjustment: null,
  ...over,
});

const credit = (measure: string, payOn: string, commission: string): StatementCredit => ({
  creditLineId: `c${measure}`,
  transactionId: 't',
  externalId: 'INV-1',
  kind: 'invoice',
  date: '2026-03-01',
  customer: { id: 'a', legalName: '杭州开元' },
  measure,
  payOn,
  commission,
});

describe('attainment', () => {
  it('is red below 80 %, exactly, and green from 100 %', () => {
    expect(attainmentColor('79.99')).toBe('red');
    expect(attainmentColor('80')).toBe('blue');
    expect(attainmentColor('80.00')).toBe('blue');
    expect(attainmentColor('99.999999')).toBe('blue');
    expect(attainmentColor('100')).toBe('green');
    expect(attainmentColor(null)).toBeUndefined();
  });

  it('reads rounded down to two decimals of a percent', () => {
    expect(attainmentText('60')).toBe('60 %');
    expect(attainmentText('66.666666')).toBe('66.66 %');
    expect(attainmentText(null)).toBe('—');
  });
});

describe('money', () => {
  it('groups digits and keeps the sign and the decimals as sent', () => {
    expect(formatMoney('120000.00', 'CNY', 'en')).toBe('120,000.00 CNY');
    expect(formatMoney('-90000.50', 'CNY', 'en')).toBe('-90,000.50 CNY');
    expect(formatMoney('-0.50', 'CNY', 'en')).toBe('-0.50 CNY');
    expect(formatMoney('-0.00', 'CNY', 'en')).toBe('0.00 CNY');
    expect(formatMoney(null, 'CNY', 'en')).toBe('—');
  });

  it('sums signed decimal strings exactly', () => {
    expect(sumDecimals(['0.10', '0.20', '-0.05'])).toBe('0.25');
    expect(sumDecimals(['120000.00', '90000.00'])).toBe('210000.00');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['1', null, '2.5'])).toBe('3.5');
  });

  it('accepts signed amounts for a dispute adjustment', () => {
    for (const ok of ['1200', '1200.00', '-300', '-0.5']) expect(SIGNED_AMOUNT.test(ok)).toBe(true);
    for (const bad of ['', '1,200', '+3', '1.', 'abc']) expect(SIGNED_AMOUNT.test(bad)).toBe(false);
  });
});

describe('the close flow', () => {
  it('offers the next step of each status, and recalculation after a lock', () => {
    expect(periodActions('open')).toEqual(['calculate']);
    expect(periodActions('calculated')).toEqual(['calculate', 'approve']);
    expect(periodActions('approved')).toEqual(['lock']);
    expect(periodActions('locked')).toEqual(['calculate', 'pay']);
    expect(periodActions('paid')).toEqual(['calculate']);
  });

  it('lets only the payee dispute a line, once the period is locked, and not twice at a time', () => {
    const l = line({});
    expect(canDispute({ status: 'locked' }, true, l)).toBe(true);
    expect(canDispute({ status: 'paid' }, true, l)).toBe(true);
    expect(canDispute({ status: 'approved' }, true, l)).toBe(false);
    expect(canDispute({ status: 'locked' }, false, l)).toBe(false);
    expect(canDispute({ status: 'locked' }, true, line({ dispute: { id: 'd', status: 'open' } }))).toBe(
      false,
    );
    expect(canDispute({ status: 'locked' }, true, line({ dispute: { id: 'd', status: 'rejected' } }))).toBe(
      true,
    );
  });
});

describe('adjustment lines', () => {
  it('say the amendment, its reason code and the period they correct', () => {
    const reason = {
      versionId: 'v2',
      version: 2,
      reasonCode: 'arbitration',
      reasonNote: '仲裁裁决',
      sourcePeriod: '2026-01-01',
    };
    const amended = line({
      kind: 'adjustment',
      amount: '90000.00',
      formula: { code: 'commission.adjustment', params: { kind: 'amendment', amount: '9000000', ...reason } },
      adjustment: { id: 'a1', kind: 'amendment', reason, versionId: 'v2', sourcePeriodId: 'p1' },
    });
    expect(adjustmentReason(amended)).toEqual({
      kind: 'amendment',
      reasonCode: 'arbitration',
      note: '仲裁裁决',
      version: 2,
      sourcePeriodStart: '2026-01-01',
    });
    const recomputed = line({
      kind: 'adjustment',
      formula: { code: 'commission.adjustment', params: { kind: 'recompute', amount: '-500' } },
      adjustment: {
        id: 'a2',
        kind: 'recompute',
        reason: { version: null, reasonCode: null },
        versionId: null,
        sourcePeriodId: null,
      },
    });
    expect(adjustmentReason(recomputed)).toEqual({
      kind: 'recompute',
      reasonCode: null,
      note: null,
      version: null,
      sourcePeriodStart: null,
    });
    expect(adjustmentReason(line({}))).toBeNull();
  });
});

describe('how was this computed', () => {
  it('totals the credit lines and checks them against the lines spread over them', () => {
    const credits = [credit('100.00', '100.00', '7.00'), credit('-10.00', '-10.00', '-0.70')];
    const lines = [
      line({ kind: 'earning', amount: '7.00' }),
      line({ kind: 'returns', amount: '-0.70' }),
      line({ kind: 'bonus', amount: '500.00' }),
      line({
        kind: 'clawback',
        amount: '-3.00',
        adjustment: { id: 'a', kind: 'clawback', reason: null, versionId: null, sourcePeriodId: null },
      }),
    ];
    expect(creditTotals(credits, lines)).toEqual({
      measure: '90.00',
      payOn: '90.00',
      commission: '6.30',
      lines: '6.30',
      matches: true,
    });
    expect(creditTotals(credits.slice(0, 1), lines).matches).toBe(false);
  });

  it('names the customer', () => {
    expect(customerName({ id: 'a', legalName: '杭州开元' })).toBe('杭州开元');
    expect(customerName(null)).toBe('');
  });
});

describe('periods and the attainment chart', () => {
  it('names a month by itself and a longer period by its ends', () => {
    expect(periodLabel({ periodStart: '2026-03-01', periodEnd: '2026-03-31' })).toBe('2026-03');
    expect(periodLabel({ periodStart: '2026-01-01', periodEnd: '2026-03-31' })).toBe('2026-01 – 2026-03');
  });

  it('draws the periods, the forecast apart and the 80 % line', () => {
    const point = (periodStart: string, periodEnd: string, attainment: string | null) => ({
      periodId: periodStart,
      periodStart,
      periodEnd,
      status: 'locked' as const,
      target: '100.00',
      measure: '80.00',
      attainment,
      payout: '1.00',
      currency: 'CNY',
    });
    const option = attainmentOption(
      [
        {
          payee: { id: 'p', type: 'user', refId: 'u', name: '张伟' },
          periods: [
            point('2026-01-01', '2026-01-31', '75.5'),
            point('2026-02-01', '2026-02-28', '102'),
            point('2026-03-01', '2026-03-31', '20'),
          ],
          forecast: {
            periodId: 'm',
            periodStart: '2026-03-01',
            periodEnd: '2026-03-31',
            asOf: '2026-03-10',
            elapsedDays: 10,
            daysInPeriod: 31,
            measureSoFar: '20.00',
            runRate: '62.00',
            pipeline: { weighted: '13.00', opportunities: 2, skipped: 0, weights: {} },
            projected: '75.00',
            target: '100.00',
            attainment: '75',
            currency: 'CNY',
          },
        },
      ],
      { alert: '80 %', forecast: 'forecast' },
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-01', '2026-02', '2026-03']);
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(['张伟', '张伟 · forecast', '80 %']);
    expect(series[0]!.data).toEqual([75.5, 102, null]);
    expect(series[1]!.data).toEqual([null, null, 75]);
    expect(series[2]!.data).toEqual([80, 80, 80]);
  });
});

describe('texts', () => {
  it('name every status, line kind and adjustment kind in both languages, the Chinese without English', async () => {
    const translators = await loadTranslators();
    for (const lng of TEST_LANGUAGES) {
      const t = translators[lng] as unknown as (key: string) => string;
      for (const key of [
        ...PERIOD_STATUSES.map((s) => `statements.statuses.${s}`),
        ...LINE_KINDS.map((k) => `commissionFormula.lineKinds.${k}`),
        ...ADJUSTMENT_KINDS.map((k) => `commissionFormula.adjustmentKinds.${k}`),
        ...Object.keys(en.commissionPlans.reasons).map((k) => `commissionPlans.reasons.${k}`),
      ]) {
        const text = t(key);
        expect(text, key).not.toBe(key);
        if (lng === 'zh-CN') expect(text, key).not.toMatch(ENGLISH_WORD);
      }
    }
  });
});

describe('disputes on a statement', () => {
  it('show an undecided dispute before a decided one, else the latest', () => {
    const d = (id: string, lineId: string, status: DisputeStatus, raisedAt: string) => ({
      id,
      status,
      raisedAt,
      line: { id: lineId, lineNo: 1, kind: 'earning', amount: '1.00', formula: { code: 'x', params: {} } },
    });
    const byLine = disputesByLine([
      d('a', 'l1', 'rejected', '2026-03-02T00:00:00Z'),
      d('b', 'l1', 'open', '2026-03-01T00:00:00Z'),
      d('c', 'l2', 'rejected', '2026-03-01T00:00:00Z'),
      d('e', 'l2', 'upheld', '2026-03-05T00:00:00Z'),
    ]);
    expect(byLine.get('l1')).toEqual({ id: 'b', status: 'open' });
    expect(byLine.get('l2')).toEqual({ id: 'e', status: 'upheld' });
    expect(byLine.has('l3')).toBe(false);
  });
});
