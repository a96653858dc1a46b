/** Commission disputes, exports, attainment and alerts: errors, notices, decision evidence, audit entries. */
export const commissionExtraErrorsEn = {
  DISPUTE_OPEN: 'This statement line already has an open dispute.',
  DISPUTE_NOT_LOCKED: 'Only a line of a locked statement can be disputed.',
  DISPUTE_CLOSED: 'This dispute was already resolved, or is not in a state that allows this.',
};

export const commissionExtraNoticesEn = {
  'commission.dispute_resolved':
    'Your dispute of line {{lineNo}} of the statement for {{periodStart}} was resolved.',
  'commission.attainment_alert':
    'Attainment on “{{planName}}” is {{attainment}} % with {{checkpoint}} % of the period {{periodStart}} – {{periodEnd}} gone, below {{threshold}} %.',
};

export const commissionDisputeEvidenceLabelsEn = {
  'commission.dispute.line': 'The disputed statement line',
  'commission.dispute.raised': 'What the payee questioned',
  'commission.dispute.upheld': 'Upheld, with the correction booked in the next open period',
  'commission.dispute.rejected': 'Rejected, with the reason',
};

export const commissionDisputeRulesEn = { 'commission.dispute': 'Dispute resolution by finance' };

export const commissionExtraAuditActionsEn = {
  'commission_dispute.raised': 'Commission dispute raised',
  'commission_dispute.in_review': 'Commission dispute taken up for review',
  'commission_dispute.upheld': 'Commission dispute upheld',
  'commission_dispute.rejected': 'Commission dispute rejected',
  'commission_alert.sent': 'Attainment alert sent',
};

export const commissionExtraAuditTypesEn = {
  commission_dispute: 'Commission dispute',
};
