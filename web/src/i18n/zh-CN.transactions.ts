import type { Strings } from './en.js';
import type {
  creditAuditActionsEn,
  creditAuditTypesEn,
  creditDecisionKindsEn,
  creditErrorsEn,
  creditEvidenceLabelsEn,
  creditPermissionsEn,
  creditProblemsEn,
  creditRulesEn,
  creditVerdictsEn,
  transactionsEn,
} from './en.transactions.js';

/** 交易、汇率与业绩归属的中文文本。 */
export const creditDecisionKindsZh: Strings<typeof creditDecisionKindsEn> = { 'credit.assign': '业绩归属' };
export const creditVerdictsZh: Strings<typeof creditVerdictsEn> = {
  'credit.assign': { derived: '按归属台账计入', manual: '按已审批的分配计入' },
};
export const creditRulesZh: Strings<typeof creditRulesEn> = {
  'credit.ledger': '按交易日的客户归属台账计算业绩',
  'credit.manual_split': '手工分配，须由他人审批',
};
export const creditEvidenceLabelsZh: Strings<typeof creditEvidenceLabelsEn> = {
  'credit.owner': '交易日的客户负责人',
  'credit.partner_registration': '伙伴凭受保护的报备持有客户',
  'credit.team': '客户团队分成',
  'credit.overlay': '100% 之外的叠加业绩',
  'credit.no_holder': '当时无人持有客户：未分配',
  'credit.manual_split': '手工分配',
};
export const creditAuditActionsZh: Strings<typeof creditAuditActionsEn> = {
  'exchange_rate.set': '设置汇率',
  'transaction.recorded': '记录交易',
  'transaction.corrected': '更正交易（新版本）',
  'credit_split.proposed': '提交业绩分配',
  'credit_split.approved': '批准业绩分配',
  'credit_split.rejected': '驳回业绩分配',
};
export const creditAuditTypesZh: Strings<typeof creditAuditTypesEn> = {
  exchange_rate: '汇率',
  transaction: '交易',
};
export const creditProblemsZh: Strings<typeof creditProblemsEn> = {
  no_rate: '该币种在此日期及之前没有汇率',
  not_100_percent: '主力与辅助的比例合计须恰好为 100%',
  one_primary: '分配须有且仅有一名主力',
  duplicate_payee: '该收款人重复出现',
  duplicate_in_batch: '该外部编号重复出现',
  must_be_negative_or_zero: '退货或红字发票须为零或负数',
  must_be_positive_or_zero: '此类交易须为零或正数',
  discount_exceeds_gross: '折扣大于总额',
  only_for_returns: '只有退货或红字发票才能冲销原单',
  mismatch: '净额须等于总额减折扣',
  one_payee: '请选择一名人员或一个伙伴',
};
export const creditErrorsZh: Strings<typeof creditErrorsEn> = {
  SPLIT_WRONG_STATE: '该分配已不在待审批状态，或已有另一分配待审批。',
  SPLIT_SELF_APPROVAL: '须由提交人以外的人审批该分配。',
};
export const creditPermissionsZh: Strings<typeof creditPermissionsEn> = {
  'transactions:read': '查看交易与汇率',
  'transactions:write': '记录与导入交易、设置汇率、提交业绩分配',
  'credit:read': '查看业绩（本人或权限范围内）',
  'credit:approve': '审批业绩分配',
  'commission:read': '查看提成对账单（本人或权限范围内）',
  'commission:configure': '编写提成方案、目标与补充协议',
  'commission:approve': '发布方案与补充协议、结算提成期间、处理异议',
};

export const transactionsZh: Strings<typeof transactionsEn> = {
  title: '交易',
  import: '导入 CSV / XLSX',
  importDone: '新建 {{created}} 笔，更正 {{corrected}} 笔，未变 {{unchanged}} 笔',
  importFailed: '未导入任何数据：请修正以下行后重新导入。',
  externalId: '外部编号',
  kind: '类型',
  kinds: { order: '订单', invoice: '发票', payment: '回款', return: '退货', credit_note: '红字发票' },
  customer: '客户',
  date: '交易日期',
  net: '净额',
  gross: '总额',
  discount: '折扣',
  margin: '毛利',
  base: '折合 {{currency}}',
  version: '版本',
  corrected: '已更正',
  lines: '明细',
  product: '产品',
  quantity: '数量',
  credit: '业绩',
  payee: '收款人',
  role: '角色',
  share: '比例',
  amount: '金额',
  overlay: '叠加',
  unassigned: '未分配',
  source: '依据',
  sources: {
    owner_claim: '客户负责人',
    partner_registration: '伙伴报备',
    account_team: '客户团队',
    manual_split: '手工分配',
    no_holder: '无人持有',
  },
  roles: {
    owner: '负责人',
    partner: '伙伴',
    assisting_rep: '协助销售',
    key_account_manager: '大客户经理',
    product_specialist: '产品专家',
    primary: '主力',
    assisting: '辅助',
    unassigned: '未分配',
  },
  empty: '暂无交易。',
  noCredit: '暂无业绩明细。',
  myCredit: '我的业绩',
  back: '返回交易列表',
  evidence: {
    'credit.owner': '自 {{since}} 起为客户负责人：{{date}} 计 {{share}}%',
    'credit.partner_registration': '自 {{since}} 起凭受保护的报备持有客户：{{date}} 计 {{share}}%',
    'credit.team': '客户团队{{role}}：{{date}} 计 {{share}}%',
    'credit.overlay': '{{role}}：100% 之外叠加 {{share}}%',
    'credit.no_holder': '{{date}} 无人持有客户：{{share}}% 未分配',
    'credit.manual_split': '{{role}}：按已审批的分配计 {{share}}%',
  },
};
