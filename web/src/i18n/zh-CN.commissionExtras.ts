import type {
  commissionDisputeEvidenceLabelsEn,
  commissionDisputeRulesEn,
  commissionExtraAuditActionsEn,
  commissionExtraAuditTypesEn,
  commissionExtraErrorsEn,
  commissionExtraNoticesEn,
} from './en.commissionExtras.js';

/** 提成异议、导出、达成率与预警：错误、通知、决策依据、审计记录。 */
export const commissionExtraErrorsZh: typeof commissionExtraErrorsEn = {
  DISPUTE_OPEN: '该对账单明细行已有未处理的异议。',
  DISPUTE_NOT_LOCKED: '只能对已锁定对账单的明细行提出异议。',
  DISPUTE_CLOSED: '该异议已处理完毕，或当前状态不允许此操作。',
};

export const commissionExtraNoticesZh: typeof commissionExtraNoticesEn = {
  'commission.dispute_resolved': '您对 {{periodStart}} 期间对账单第 {{lineNo}} 行提出的异议已处理。',
  'commission.attainment_alert':
    '“{{planName}}”在 {{periodStart}} 至 {{periodEnd}} 期间已过 {{checkpoint}}%，达成率 {{attainment}}%，低于 {{threshold}}%。',
};

export const commissionDisputeEvidenceLabelsZh: typeof commissionDisputeEvidenceLabelsEn = {
  'commission.dispute.line': '有异议的对账单明细行',
  'commission.dispute.raised': '收款人提出的异议',
  'commission.dispute.upheld': '异议成立，更正金额计入下一个未结期间',
  'commission.dispute.rejected': '异议驳回及理由',
};

export const commissionDisputeRulesZh: typeof commissionDisputeRulesEn = {
  'commission.dispute': '财务处理异议',
};

export const commissionExtraAuditActionsZh: typeof commissionExtraAuditActionsEn = {
  'commission_dispute.raised': '提出提成异议',
  'commission_dispute.in_review': '提成异议进入复核',
  'commission_dispute.upheld': '提成异议成立',
  'commission_dispute.rejected': '提成异议驳回',
  'commission_alert.sent': '发送达成率预警',
};

export const commissionExtraAuditTypesZh: typeof commissionExtraAuditTypesEn = {
  commission_dispute: '提成异议',
};
