import { fromMinor } from '../activities/index.js';

/**
 * The one place the server writes commission prose: exported statements (XLSX, PDF) are read away from the
 * web, so their headings and each line's formula are rendered here, in English or simplified Chinese, from
 * the codes and parameters the calculation stored (`calculate.ts`). A code this table does not know is shown
 * as the code itself, never dropped.
 */
export const EXPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const asLanguage = (value: string | null | undefined): ExportLanguage =>
  value === 'en' || value?.startsWith('en-') ? 'en' : 'zh-CN';

type Params = Record<string, unknown>;
type Template = (p: Params, money: (minor: unknown) => string) => string;

const s = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const tierNo = (v: unknown) => (typeof v === 'number' ? String(v + 1) : s(v));

const FORMULAS: Record<string, Record<ExportLanguage, Template>> = {
  'commission.tier_rate': {
    en: (p, m) => `Attainment ${s(p.attainment)} %, tier ${tierNo(p.tier)}: ${m(p.basis)} × ${s(p.rate)} %`,
    'zh-CN': (p, m) => `达成率 ${s(p.attainment)}%，第 ${tierNo(p.tier)} 档：${m(p.basis)} × ${s(p.rate)}%`,
  },
  'commission.tier_rate_flat': {
    en: (p, m) => `Tier ${tierNo(p.tier)} rate: ${m(p.basis)} × ${s(p.rate)} %`,
    'zh-CN': (p, m) => `第 ${tierNo(p.tier)} 档费率：${m(p.basis)} × ${s(p.rate)}%`,
  },
  'commission.returns_netted': {
    en: (p, m) => `Returns netted at tier ${tierNo(p.tier)}: ${m(p.basis)} × ${s(p.rate)} %`,
    'zh-CN': (p, m) => `退货冲减（第 ${tierNo(p.tier)} 档）：${m(p.basis)} × ${s(p.rate)}%`,
  },
  'commission.tier_slice': {
    en: (p, m) =>
      `Tier ${tierNo(p.sliceTier)} slice (${s(p.from)}–${p.to === null ? '∞' : s(p.to)} %): ${m(p.basis)} × ${s(p.rate)} %`,
    'zh-CN': (p, m) =>
      `第 ${tierNo(p.sliceTier)} 档分段（${s(p.from)}%–${p.to === null ? '∞' : `${s(p.to)}%`}）：${m(p.basis)} × ${s(p.rate)}%`,
  },
  'commission.product_rate': {
    en: (p, m) => `Product rate: ${m(p.basis)} × ${s(p.rate)} %`,
    'zh-CN': (p, m) => `产品专项费率：${m(p.basis)} × ${s(p.rate)}%`,
  },
  'commission.ytd_prior': {
    en: (p, m) => `Already earned earlier in the plan year: −${m(p.earned)}`,
    'zh-CN': (p, m) => `本计划年度此前已计提成：−${m(p.earned)}`,
  },
  'commission.bonus': {
    en: (p) => `Bonus for attainment of at least ${s(p.atLeast)} % (reached ${s(p.attainment)} %)`,
    'zh-CN': (p) => `达成率不低于 ${s(p.atLeast)}% 的奖金（实际 ${s(p.attainment)}%）`,
  },
  'commission.cap': {
    en: (p, m) => `Capped at ${m(p.cap)} (was ${m(p.before)})`,
    'zh-CN': (p, m) => `封顶 ${m(p.cap)}（原为 ${m(p.before)}）`,
  },
  'commission.floor': {
    en: (p, m) => `Raised to the floor of ${m(p.floor)} (was ${m(p.before)})`,
    'zh-CN': (p, m) => `按保底 ${m(p.floor)} 补足（原为 ${m(p.before)}）`,
  },
  'commission.pool_bonus': {
    en: (p, m) => `Share of the bonus pool of ${m(p.pool)} (${s(p.qualifying)} qualifying)`,
    'zh-CN': (p, m) => `奖金池 ${m(p.pool)} 的分配份额（共 ${s(p.qualifying)} 人达标）`,
  },
  'commission.clawback': {
    en: (p, m) => `Clawback of returns of sales paid in ${s(p.periodStart)}: ${m(p.basis)} × ${s(p.rate)} %`,
    'zh-CN': (p, m) => `追回 ${s(p.periodStart)} 期间已付销售的退货：${m(p.basis)} × ${s(p.rate)}%`,
  },
  'commission.adjustment': {
    en: (p) => `Adjustment (${ADJUSTMENT_KINDS[s(p.kind)]?.en ?? s(p.kind)})`,
    'zh-CN': (p) => `调整（${ADJUSTMENT_KINDS[s(p.kind)]?.['zh-CN'] ?? s(p.kind)}）`,
  },
  'commission.carried_in': {
    en: () => 'Negative balance carried in from the previous period',
    'zh-CN': () => '上期结转的负余额',
  },
  'commission.carried_out': {
    en: () => 'Negative total carried to the next period',
    'zh-CN': () => '负数结转至下期',
  },
  'commission.draw': {
    en: (p, m) => `Draw: topped up to the guaranteed ${m(p.guaranteed)}`,
    'zh-CN': (p, m) => `预支：补足至保障金额 ${m(p.guaranteed)}`,
  },
  'commission.draw_recovery': {
    en: (p, m) => `Recovery of an earlier draw (balance left ${m(p.balance)})`,
    'zh-CN': (p, m) => `收回此前预支（剩余 ${m(p.balance)}）`,
  },
};

const ADJUSTMENT_KINDS: Record<string, Record<ExportLanguage, string>> = {
  amendment: { en: 'amendment', 'zh-CN': '补充协议' },
  true_up: { en: 'true-up', 'zh-CN': '补发差额' },
  clawback: { en: 'clawback', 'zh-CN': '追回' },
  recompute: { en: 'recomputed', 'zh-CN': '重新计算' },
  dispute: { en: 'dispute upheld', 'zh-CN': '异议成立' },
  prior_period: { en: 'prior period', 'zh-CN': '以前期间' },
  rate_change: { en: 'rate change', 'zh-CN': '费率变更' },
};

/** A line's formula as a sentence in `lang`; money parameters are minor units of `currency`. */
export function formulaText(
  formula: { code: string; params: Params },
  lang: ExportLanguage,
  currency: string,
): string {
  const template = FORMULAS[formula.code]?.[lang];
  if (!template) return formula.code;
  const money = (minor: unknown) =>
    typeof minor === 'string' && /^-?\d+$/.test(minor) ? `${fromMinor(minor, currency)}` : s(minor);
  return template(formula.params ?? {}, money);
}

export const LABELS = {
  en: {
    summary: 'Summary',
    lines: 'Lines',
    statement: 'Commission statement',
    plan: 'Plan',
    period: 'Period',
    status: 'Status',
    currency: 'Currency',
    payee: 'Payee',
    payeeType: 'Payee type',
    measure: 'Measure',
    target: 'Target',
    attainment: 'Attainment %',
    tier: 'Tier',
    earned: 'Earned',
    payout: 'Payout',
    lineNo: 'No.',
    kind: 'Kind',
    description: 'How it was computed',
    basis: 'Basis',
    rate: 'Rate %',
    amount: 'Amount',
    total: 'Payout',
    types: { user: 'person', partner: 'partner' },
  },
  'zh-CN': {
    summary: '汇总',
    lines: '明细',
    statement: '提成对账单',
    plan: '方案',
    period: '期间',
    status: '状态',
    currency: '币种',
    payee: '收款人',
    payeeType: '收款人类型',
    measure: '业绩',
    target: '目标',
    attainment: '达成率 %',
    tier: '档位',
    earned: '应得提成',
    payout: '应付金额',
    lineNo: '行号',
    kind: '类型',
    description: '计算说明',
    basis: '计提基数',
    rate: '费率 %',
    amount: '金额',
    total: '应付金额',
    types: { user: '员工', partner: '渠道伙伴' },
  },
} satisfies Record<ExportLanguage, unknown>;

export const LINE_KINDS: Record<string, Record<ExportLanguage, string>> = {
  earning: { en: 'earning', 'zh-CN': '提成' },
  returns: { en: 'returns', 'zh-CN': '退货' },
  tier_slice: { en: 'tier slice', 'zh-CN': '分段提成' },
  product_rate: { en: 'product rate', 'zh-CN': '产品费率' },
  bonus: { en: 'bonus', 'zh-CN': '奖金' },
  pool_bonus: { en: 'pool bonus', 'zh-CN': '奖金池' },
  cap: { en: 'cap', 'zh-CN': '封顶' },
  floor: { en: 'floor', 'zh-CN': '保底' },
  draw: { en: 'draw', 'zh-CN': '预支' },
  draw_recovery: { en: 'draw recovery', 'zh-CN': '预支收回' },
  carried: { en: 'carried', 'zh-CN': '结转' },
  adjustment: { en: 'adjustment', 'zh-CN': '调整' },
  true_up: { en: 'true-up', 'zh-CN': '补发差额' },
  clawback: { en: 'clawback', 'zh-CN': '追回' },
  ytd_prior: { en: 'year to date, earlier', 'zh-CN': '年度累计扣减' },
};

export const PERIOD_STATUSES: Record<string, Record<ExportLanguage, string>> = {
  open: { en: 'open', 'zh-CN': '未计算' },
  calculated: { en: 'calculated', 'zh-CN': '已计算' },
  approved: { en: 'approved', 'zh-CN': '已审批' },
  locked: { en: 'locked', 'zh-CN': '已锁定' },
  paid: { en: 'paid', 'zh-CN': '已支付' },
};
