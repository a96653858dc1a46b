import type { TFunction } from 'i18next';
import { loose } from '../../i18n/errorText.js';
import { formatMajor, formatMinor } from './planForm.js';

/** Formula parameters that are money, in minor units of the plan currency. */
const MONEY = new Set([
  'basis',
  'amount',
  'earned',
  'cap',
  'floor',
  'before',
  'pool',
  'guaranteed',
  'balance',
  'recovered',
]);

export interface Formula {
  code: string;
  params: Record<string, unknown>;
}

const plain = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const isInteger = (v: unknown) =>
  (typeof v === 'string' && /^-?\d+$/.test(v)) || (typeof v === 'number' && Number.isInteger(v));

/** A line's formula (`{ code, params }` from the calculation) as a sentence in the reader's language. */
export function formulaText(
  t: TFunction,
  language: string,
  formula: Formula,
  currency: string,
  tierOn: 'attainment' | 'volume' = 'attainment',
): string {
  const lt = loose(t);
  const p = formula.params;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(p))
    values[key] = MONEY.has(key) && isInteger(value) ? formatMinor(String(value), currency, language) : value;
  // Tiers are counted from 1 for people; the engine counts from 0.
  const tierKey = formula.code === 'commission.tier_slice' ? 'sliceTier' : 'tier';
  if (isInteger(p[tierKey])) values.tier = Number(p[tierKey]) + 1;
  const attainment = plain(p.attainment);
  values.reached =
    attainment === ''
      ? t('commissionFormula.reached.noTarget')
      : tierOn === 'volume'
        ? t('commissionFormula.reached.volume', { volume: attainment })
        : t('commissionFormula.reached.attainment', { attainment });
  if (formula.code === 'commission.tier_slice')
    values.range =
      p.to === null || p.to === undefined
        ? t('commissionFormula.rangeOpen', { from: plain(p.from) })
        : t('commissionFormula.rangeTo', { from: plain(p.from), to: plain(p.to) });
  if (p.split === 'equal' || p.split === 'measure') values.split = t(`commissionFormula.split.${p.split}`);
  if (formula.code === 'commission.adjustment')
    values.kind = lt(`commissionFormula.adjustmentKinds.${plain(p.kind)}`, { defaultValue: plain(p.kind) });
  const code =
    formula.code === 'commission.draw' && p.recoverable === true
      ? 'commission.draw_recoverable'
      : formula.code;
  return lt(`commissionFormula.${code}`, { ...values, defaultValue: formula.code });
}

/** A tier's band in words: "80 % to 100 %", or "from 100 %" for the open-ended last one. */
export function tierRangeText(t: TFunction, tier: { from: string; to: string | null }): string {
  return tier.to === null
    ? t('commissionFormula.rangeOpen', { from: tier.from })
    : t('commissionFormula.rangeTo', { from: tier.from, to: tier.to });
}

/** A warning found when a version was saved (`plan.target_above_history`), in the reader's language. */
export function warningText(
  t: TFunction,
  warning: { code: string; params: Record<string, unknown> },
  payeeName: (payeeId: string) => string,
  money?: { currency: string; language: string },
): string {
  const p = warning.params;
  const ratio = typeof p.ratio === 'string' && /^\d+(\.\d+)?$/.test(p.ratio) ? p.ratio : null;
  const amount = (v: unknown) =>
    money && typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)
      ? formatMajor(v, money.currency, money.language)
      : v;
  return loose(t)(`commissionPlans.warningTexts.${warning.code}`, {
    ...p,
    target: amount(p.target),
    best: amount(p.best),
    payee: typeof p.payeeId === 'string' ? payeeName(p.payeeId) : '',
    ratio: ratio === null ? '' : percentOfRatio(ratio),
    defaultValue: warning.code,
  });
}

/** "1.3500" → "135": a ratio as a percentage, exactly, without trailing zeros. */
export function percentOfRatio(ratio: string): string {
  const [whole = '0', fraction = ''] = ratio.split('.');
  const digits = `${whole}${fraction.padEnd(2, '0')}`;
  const cut = whole.length + 2;
  const int = digits.slice(0, cut).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(cut).replace(/0+$/, '');
  return rest ? `${int}.${rest}` : int;
}
