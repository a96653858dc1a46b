/** Transactions, exchange rates and credit: page texts, decisions, audit entries and field problems. */

export const creditDecisionKindsEn = { 'credit.assign': 'Sales credit' };
export const creditVerdictsEn = {
  'credit.assign': { derived: 'Credited from the ownership ledger', manual: 'Credited by an approved split' },
};
export const creditRulesEn = {
  'credit.ledger': 'Credit at the transaction date from the ownership ledger',
  'credit.manual_split': 'Manual split, approved by another person',
};
export const creditEvidenceLabelsEn = {
  'credit.owner': 'Owner of record on the transaction date',
  'credit.partner_registration': 'Partner holding the customer by a protected registration',
  'credit.team': 'Account team share',
  'credit.overlay': 'Overlay credit on top of 100 %',
  'credit.no_holder': 'Nobody held the customer: unassigned',
  'credit.manual_split': 'Manual split',
};
export const creditAuditActionsEn = {
  'exchange_rate.set': 'Exchange rate set',
  'transaction.recorded': 'Transaction recorded',
  'transaction.corrected': 'Transaction corrected (new version)',
  'credit_split.proposed': 'Credit split proposed',
  'credit_split.approved': 'Credit split approved',
  'credit_split.rejected': 'Credit split rejected',
};
export const creditAuditTypesEn = { exchange_rate: 'Exchange rate', transaction: 'Transaction' };
export const creditProblemsEn = {
  no_rate: 'There is no exchange rate for this currency on or before the date',
  not_100_percent: 'Primary and assisting shares must add up to exactly 100 %',
  one_primary: 'A split needs exactly one primary',
  duplicate_payee: 'This payee is listed twice',
  duplicate_in_batch: 'This external id appears twice',
  must_be_negative_or_zero: 'Must be zero or negative for a return or credit note',
  must_be_positive_or_zero: 'Must be zero or positive for this kind',
  discount_exceeds_gross: 'The discount is larger than the gross amount',
  only_for_returns: 'Only a return or a credit note reverses a sale',
  mismatch: 'Net must equal gross − discount',
  one_payee: 'Choose a person or a partner',
};
export const creditErrorsEn = {
  SPLIT_WRONG_STATE: 'This split is no longer waiting for approval, or another one already is.',
  SPLIT_SELF_APPROVAL: 'Someone other than the person who entered the split must approve it.',
};
export const creditPermissionsEn = {
  'transactions:read': 'View transactions and exchange rates',
  'transactions:write': 'Record and import transactions, set exchange rates, propose credit splits',
  'credit:read': 'View sales credit (one’s own, or one’s scope’s)',
  'credit:approve': 'Approve or reject credit splits',
  'commission:read': 'View commission statements (one’s own, or one’s scope’s)',
  'commission:configure': 'Write commission plans, targets and amendments',
  'commission:approve': 'Publish plans and amendments, close commission periods, resolve disputes',
};

export const transactionsEn = {
  title: 'Transactions',
  import: 'Import CSV / XLSX',
  importDone: '{{created}} created, {{corrected}} corrected, {{unchanged}} unchanged',
  importFailed: 'Nothing was imported: fix these rows and import the file again.',
  externalId: 'External id',
  kind: 'Kind',
  kinds: {
    order: 'Order',
    invoice: 'Invoice',
    payment: 'Payment',
    return: 'Return',
    credit_note: 'Credit note',
  },
  customer: 'Customer',
  date: 'Transaction date',
  net: 'Net',
  gross: 'Gross',
  discount: 'Discount',
  margin: 'Margin',
  base: 'In {{currency}}',
  version: 'Version',
  corrected: 'Corrected',
  lines: 'Lines',
  product: 'Product',
  quantity: 'Quantity',
  credit: 'Credit',
  payee: 'Payee',
  role: 'Role',
  share: 'Share',
  amount: 'Amount',
  overlay: 'Overlay',
  unassigned: 'Unassigned',
  source: 'Where it came from',
  sources: {
    owner_claim: 'Owner of record',
    partner_registration: 'Partner registration',
    account_team: 'Account team',
    manual_split: 'Manual split',
    no_holder: 'No holder',
  },
  roles: {
    owner: 'Owner',
    partner: 'Partner',
    assisting_rep: 'Assisting rep',
    key_account_manager: 'Key account manager',
    product_specialist: 'Product specialist',
    primary: 'Primary (主力)',
    assisting: 'Assisting (辅助)',
    unassigned: 'Unassigned',
  },
  empty: 'No transactions yet.',
  noCredit: 'No credit lines.',
  myCredit: 'My credit',
  back: 'Back to transactions',
  evidence: {
    'credit.owner': 'Held the customer since {{since}}: {{share}} % on {{date}}',
    'credit.partner_registration':
      'Held it by a protected registration since {{since}}: {{share}} % on {{date}}',
    'credit.team': '{{role}} on the account team: {{share}} % on {{date}}',
    'credit.overlay': '{{role}}: {{share}} % on top of the 100 %',
    'credit.no_holder': 'Nobody held the customer on {{date}}: {{share}} % unassigned',
    'credit.manual_split': '{{role}}: {{share}} % by an approved split',
  },
};
