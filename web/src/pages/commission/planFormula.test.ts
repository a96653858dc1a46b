import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { ENGLISH_WORD, loadTranslators, TEST_LANGUAGES } from '../../i18n/testing.js';
import { liveExample, newRulesValues } from './planForm.js';
import { formulaText, percentOfRatio, tierRangeText, warningText } from './planFormula.js';

let t: Record<'en' | 'zh-CN', TFunction>;
beforeAll(async () => {
  t = await loadTranslators();
});

/** Every code the calculation writes (calculate.ts), with parameters as it writes them. */
const FORMULAS = [
  {
    code: 'commission.tier_rate',
    params: { attainment: '60.00', measure: '1', tier: 0, basis: '300000000', rate: '4', facts: 1 },
  },
  {
    code: 'commission.tier_rate_flat',
    params: { attainment: null, measure: '1', tier: 1, basis: '100', rate: '4', facts: 1 },
  },
  {
    code: 'commission.returns_netted',
    params: { attainment: '60.00', tier: 0, basis: '-50000', rate: '4', facts: 1 },
  },
  {
    code: 'commission.tier_slice',
    params: {
      attainment: '100.00',
      tier: 2,
      sliceTier: 2,
      from: '100',
      to: null,
      slice: '0',
      basis: '0',
      rate: '10',
    },
  },
  { code: 'commission.product_rate', params: { productId: 'x', basis: '1000', rate: '3', facts: 1 } },
  { code: 'commission.ytd_prior', params: { earned: '500', periodStart: '2026-04-01' } },
  { code: 'commission.bonus', params: { atLeast: '100', attainment: '101.00', amount: '500000' } },
  { code: 'commission.cap', params: { cap: '100', before: '150' } },
  { code: 'commission.floor', params: { floor: '100', before: '50' } },
  {
    code: 'commission.pool_bonus',
    params: { pool: '1000', split: 'equal', atLeast: '100', qualifying: 2, weight: '1' },
  },
  {
    code: 'commission.clawback',
    params: { policy: 'paid_rate', periodStart: '2026-01-01', basis: '-100', rate: '7', facts: 1 },
  },
  { code: 'commission.adjustment', params: { kind: 'amendment', amount: '9000000', version: 2 } },
  { code: 'commission.carried_in', params: { amount: '-100' } },
  { code: 'commission.carried_out', params: { amount: '-100' } },
  { code: 'commission.draw', params: { guaranteed: '100', before: '50', recoverable: true, balance: '50' } },
  { code: 'commission.draw', params: { guaranteed: '100', before: '50', recoverable: false, balance: '0' } },
  { code: 'commission.draw_recovery', params: { recovered: '10', balance: '40' } },
];

describe('formulaText', () => {
  it('has a sentence for every formula code, and none left in English in Chinese', () => {
    for (const lng of TEST_LANGUAGES)
      for (const formula of FORMULAS) {
        const text = formulaText(t[lng], lng, formula, 'CNY');
        expect(text, `${lng} ${formula.code}`).not.toContain(formula.code);
        expect(text, `${lng} ${formula.code}`).not.toMatch(/\{\{/);
        if (lng === 'zh-CN') expect(text.replace(/CNY/g, ''), formula.code).not.toMatch(ENGLISH_WORD);
      }
  });

  it('covers every formula code the texts list', () => {
    const codes = Object.keys(en.commissionFormula).filter((k) => k.startsWith('commission.'));
    const covered = new Set(FORMULAS.map((f) => f.code));
    covered.add('commission.draw_recoverable');
    expect(codes.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('reads the dispute’s line with money formatted and tiers counted from 1', () => {
    const line = liveExample(
      {
        ...newRulesValues(),
        tiers: [
          { from: '0', to: '80', includesFrom: true, includesTo: false, rate: '4' },
          { from: '80', to: '', includesFrom: true, includesTo: false, rate: '7' },
        ],
      },
      { target: '5000000', sales: '3000000', returns: '0', units: '' },
    )!.result.lines[0]!;
    expect(formulaText(t.en, 'en', line.formula, 'CNY')).toBe(
      'Tier 1 reached (60.00 % of target): 3,000,000.00 CNY × 4 %, on the whole amount',
    );
    expect(formulaText(t['zh-CN'], 'zh-CN', line.formula, 'CNY')).toBe(
      '达到第 1 档（目标达成 60.00%）：3,000,000.00 CNY × 4%，全额适用',
    );
  });
});

describe('warnings and tiers', () => {
  it('reads a ratio as a percentage exactly', () => {
    expect(percentOfRatio('1.35')).toBe('135');
    expect(percentOfRatio('1.2345')).toBe('123.45');
    expect(percentOfRatio('0.5')).toBe('50');
  });

  it('says a target is above 120 % of history, naming the payee, in both languages', () => {
    const warning = {
      code: 'plan.target_above_history',
      params: {
        payeeId: 'p1',
        periodStart: '2026-01-01',
        target: '5000000.00',
        best: '3000000.00',
        bestPeriodStart: '2025-01-01',
        ratio: '1.6667',
        limitPercent: 120,
      },
    };
    expect(warningText(t.en, warning, () => 'Li Lei')).toBe(
      'Target 5000000.00 for Li Lei (2026-01-01) is 166.67 % of the best earlier period (3000000.00, 2025-01-01)',
    );
    expect(warningText(t['zh-CN'], warning, () => '李雷')).not.toMatch(ENGLISH_WORD);
    expect(warningText(t.en, warning, () => 'Li Lei', { currency: 'CNY', language: 'en' })).toContain(
      'Target 5,000,000.00 CNY for Li Lei',
    );
    expect(tierRangeText(t.en, { from: '80', to: '100' })).toBe('80 % to 100 %');
    expect(tierRangeText(t['zh-CN'], { from: '100', to: null })).toBe('100% 起');
  });
});
