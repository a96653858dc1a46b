/** English texts of conflict cases: audit entries, decisions, notices, errors and the cases pages. */
export const caseAuditActionsEn = {
  'case.opened': 'Conflict case opened',
  'case.taken_up': 'Conflict case taken up',
  'case.escalated': 'Conflict case escalated',
  'case.decided': 'Conflict case decided',
  'case.withdrawn': 'Conflict case withdrawn',
  'case.settings_updated': 'Conflict case SLA changed',
};

export const caseAuditTypesEn = { case: 'Conflict case' };

export const caseDecisionKindsEn = { 'case.decision': 'Conflict case decision' };

export const caseVerdictsEn = {
  'case.decision': {
    partner_wins: 'The registering partner gets the customer',
    direct_wins: 'Whoever holds the customer keeps it',
    dismissed: 'Dismissed: nothing changes',
  },
};

export const caseRulesEn = { 'case.arbitration': 'Arbitration by the channel' };

export const caseEvidenceLabelsEn = {
  'case.opened': 'Case opened',
  'case.outcome': 'Outcome and reason',
};

export const caseNoticesEn = {
  'case.opened': 'A conflict case you are party to was opened.',
  'case.escalated': 'A conflict case is past its deadline and was escalated to you.',
  'case.decided': 'A conflict case you are party to was decided.',
};

export const caseErrorsEn = {
  CASE_OPEN: 'This registration already has an open case.',
  CASE_CLOSED: 'This case was already decided or withdrawn.',
  CASE_NOT_DISPUTABLE: 'This registration’s refusal cannot be disputed now.',
};

export const casesEn = {
  title: 'Conflict cases',
  mine: 'My cases',
  intro:
    'When a registration collides with a direct customer or another claim, or a partner disputes a refusal, a case opens with both sides’ evidence; the channel decides with a reason.',
  partnerIntro:
    'Your disputes and the cases your registrations are party to. You see your own side and the outcome.',
  empty: 'No cases',
  filters: { open: 'Open', overdue: 'Overdue', all: 'All' },
  statuses: {
    open: 'Open',
    under_review: 'Under review',
    decided: 'Decided',
    withdrawn: 'Withdrawn',
  },
  kinds: {
    collision: 'Collision',
    dispute: 'Dispute',
    raised: 'Raised by the channel',
  },
  outcomes: {
    partner_wins: 'The registering partner gets the customer',
    direct_wins: 'The current holder keeps the customer',
    dismissed: 'Dismissed: nothing changes',
  },
  sides: {
    claimant: 'Registering partner',
    holder: 'Current holder',
    yours: 'Your side',
  },
  sideTypes: {
    registration: 'Registration',
    direct: 'Direct sales',
    partner_hold: 'Partner’s customer',
  },
  timeline: {
    opened: 'Opened',
    taken_up: 'Taken up for review',
    escalated: 'Escalated (past its deadline)',
    decided: 'Decided',
    withdrawn: 'Withdrawn',
  },
  fields: {
    partner: 'Partner',
    owner: 'Direct owner',
    customer: 'Customer',
    registration: 'Registration',
    createdAt: 'Drafted',
    submittedAt: 'Submitted',
    decidedAt: 'Decided',
    holdsSince: 'Holds the customer since',
    protectedUntil: 'Protected until',
    amount: 'Deal amount',
    refusal: 'Refusal',
    followUps: 'Follow-ups',
    quotes: 'Quotes',
    activity: '{{count}} (last {{last}})',
    noActivity: 'None',
    reason: 'Reason given',
    decisionReason: 'Decision reason',
    match: 'Matching decision',
    openMatch: 'Open the matching decision',
    openDecision: 'Open the case decision',
  },
  due: {
    respondBy: 'First response due',
    decideBy: 'Decision due',
    left: '{{time}} left',
    overdue: 'Overdue by {{time}}',
    escalated: 'Escalated {{at}}',
  },
  hours: '{{count}} h',
  minutes: '{{count}} min',
  days: '{{count}} d',
  noOtherSide: 'No other party is recorded for this case.',
  open: 'Open',
  back: 'All cases',
  takeUp: 'Take up',
  takenUp: 'Taken up',
  decide: 'Decide',
  decideTitle: 'Decide the case',
  outcome: 'Outcome',
  outcomeRequired: 'Choose an outcome',
  decisionReasonHelp: 'Both parties read this reason with the outcome: do not name the other party.',
  decided: 'Decided',
  withdraw: 'Withdraw',
  withdrawConfirm: 'Withdraw this case? The refusal stands.',
  withdrawn: 'Withdrawn',
  dispute: 'Dispute a refusal',
  disputeTitle: 'Dispute a refusal of your registration',
  disputeRegistration: 'Refused registration',
  disputeReason: 'Why the refusal is wrong',
  disputeReasonHelp: 'The channel manager reads this with your registration’s evidence.',
  disputed: 'Your dispute was filed',
  noRefused: 'You have no refused registrations to dispute.',
  sla: 'SLA',
  progress: 'Progress',
  evidence: {
    opened: '{{kind}}, opened {{at}}; refusal: {{refusal}}',
    outcome: '{{outcome}}. Reason: {{reason}}',
  },
};
