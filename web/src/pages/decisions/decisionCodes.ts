import type { DecisionEvidence, DecisionKind, MatchEvidence, MatchVerdict } from '../../api/types.js';

/**
 * What the server writes into decisions, as the web knows it. The server keeps codes open (a module adds
 * its own); these lists are the ones the web translates, and `decisionCodes.test.ts` reads the server's
 * sources to make sure every code, verdict and rule it emits is here. Translations are typed from them
 * (`satisfies Record<DecisionEvidenceCode, string>`), so a code added here without a text fails the type
 * check, and so does a new scorer verdict (each candidate is evidence `match.<verdict>`).
 */
export type DecisionEvidenceCode =
  | `match.${MatchVerdict}`
  | 'match.none'
  | 'match.same_not_visible'
  | 'admission.confirmed'
  | 'owner.creator'
  | 'owner.from_file'
  | 'owner.assigned'
  | 'import.rows'
  | 'import.row_failed'
  | 'import.resolved'
  | 'merge.requested'
  | 'access.requested'
  | 'access.decided'
  | 'access.ownership_unchanged'
  | 'access.ownership_moved'
  | OwnershipEvidenceCode
  | AssignmentEvidenceCode
  | RegistrationEvidenceCode
  | PartnerEvidenceCode
  | TerritoryEvidenceCode
  | CaseEvidenceCode
  | CreditEvidenceCode
  | CommissionEvidenceCode;

/** What the transactions module writes: where each credit line came from. */
export const CREDIT_EVIDENCE_CODES = [
  'credit.owner',
  'credit.partner_registration',
  'credit.team',
  'credit.overlay',
  'credit.no_holder',
  'credit.manual_split',
] as const;
export type CreditEvidenceCode = (typeof CREDIT_EVIDENCE_CODES)[number];

/** What commission writes: the formula of each statement line, targets, adjustments, snapshots. */
export const COMMISSION_EVIDENCE_CODES = [
  'plan.target_above_history',
  'commission.tier_rate',
  'commission.tier_rate_flat',
  'commission.returns_netted',
  'commission.tier_slice',
  'commission.product_rate',
  'commission.ytd_prior',
  'commission.bonus',
  'commission.cap',
  'commission.floor',
  'commission.pool_bonus',
  'commission.clawback',
  'commission.adjustment',
  'commission.carried_in',
  'commission.carried_out',
  'commission.draw',
  'commission.draw_recovery',
  'target.missing',
  'target.set',
  'target.indexed',
  'target.prorated',
  'target.resolved',
  'clawback.outside_window',
  'clawback.recompute',
  'adjustment.difference',
  'adjustment.amendment',
  'adjustment.recomputed',
  'adjustment.true_up',
  'calculation.snapshot',
  // Resolving a dispute (disputes.service.ts).
  'commission.dispute.line',
  'commission.dispute.raised',
  'commission.dispute.upheld',
  'commission.dispute.rejected',
] as const;
export type CommissionEvidenceCode = (typeof COMMISSION_EVIDENCE_CODES)[number];

/** What the partners module writes: admission of a partner's company, lifecycle steps, certifications. */
export const PARTNER_EVIDENCE_CODES = [
  'partner.existing_account',
  'partner.new_account',
  'partner.admission_decision',
  'partner.transition',
  'partner.handover',
  'partner.certification_lapsed',
  'partner.certifications_valid',
  'transfer.partner_terminated',
] as const;
export type PartnerEvidenceCode = (typeof PARTNER_EVIDENCE_CODES)[number];

/** Evidence of who holds a customer and why: pools, limits, recovery deadlines, hand-overs. */
export type OwnershipEvidenceCode =
  | 'pool.claimed'
  | 'pool.distributed'
  | 'claim.former_holder'
  | 'claim.within_limit'
  | 'claim.priority_window'
  | 'recovery.no_follow_up'
  | 'recovery.no_opportunity'
  | 'recovery.not_won'
  | 'recovery.to_pool'
  | 'recovery.other_grade'
  | 'recovery.exempt_won'
  | 'recovery.exempt_open_opportunity'
  | 'recovery.later_deadline'
  | 'release.requested'
  | 'lock.within_limit'
  | 'lock.released'
  | 'transfer.requested'
  | 'won.converts_long_term';

/** What the assignment engine and rule publishing write (src/modules/assignment). */
export const ASSIGNMENT_EVIDENCE_CODES = [
  'rule.matched',
  'rule.region_missing',
  'rule.region_not_included',
  'rule.region_excluded',
  'rule.industry_missing',
  'rule.industry_not_included',
  'rule.size_not_included',
  'rule.source_not_included',
  'rule.product_line_not_included',
  'rule.tags_not_matched',
  'rule.not_group',
  'rule.group_customer',
  'rule.no_eligible_candidate',
  'rep.inactive',
  'rep.absent',
  'rep.at_capacity',
  'rep.former_owner',
  'rule.trigger_not_included',
  'kam.none',
  'assign.key_account_manager',
  'assign.user',
  'assign.team_queue',
  'assign.pool',
  'assign.round_robin',
  'assign.least_loaded',
  'assign.weighted',
  'assignment.rules',
  'assignment.retired',
] as const;
export type AssignmentEvidenceCode = (typeof ASSIGNMENT_EVIDENCE_CODES)[number];

/** What deal registration writes (src/modules/registrations): matching, refusals, reviews, protection. */
export const REGISTRATION_EVIDENCE_CODES = [
  'registration.refused',
  'registration.account',
  'registration.held',
  'registration.auto_approve',
  'registration.review_required',
  'registration.step',
  'registration.returned',
  'registration.reviewer_rejected',
  'registration.withdrawn',
  'registration.won',
  'registration.lost',
  'registration.extension',
  'registration.expired',
  'owner.registration',
] as const;
export type RegistrationEvidenceCode = (typeof REGISTRATION_EVIDENCE_CODES)[number];
/** What activating a territory model writes (src/modules/territories). */
export const TERRITORY_EVIDENCE_CODES = [
  'territory.parties_changed',
  'territory.cells_gained',
  'territory.cells_lost',
  'territory.customers_outside',
  'territory.retired',
] as const;
export type TerritoryEvidenceCode = (typeof TERRITORY_EVIDENCE_CODES)[number];

/** What publishing or rejecting a commission plan version cites: the version's warnings. */

/** What deciding a conflict case writes (src/modules/cases). */
export const CASE_EVIDENCE_CODES = ['case.opened', 'case.outcome'] as const;

export type CaseEvidenceCode = (typeof CASE_EVIDENCE_CODES)[number];

export const DECISION_EVIDENCE_CODES = [
  'match.same',
  'match.possible',
  'match.different',
  'match.none',
  'match.same_not_visible',
  'admission.confirmed',
  'owner.creator',
  'owner.from_file',
  'owner.assigned',
  'import.rows',
  'import.row_failed',
  'import.resolved',
  'merge.requested',
  'access.requested',
  'access.decided',
  'access.ownership_unchanged',
  'access.ownership_moved',
  'pool.claimed',
  'pool.distributed',
  'claim.former_holder',
  'claim.within_limit',
  'claim.priority_window',
  'recovery.no_follow_up',
  'recovery.no_opportunity',
  'recovery.not_won',
  'recovery.to_pool',
  'recovery.other_grade',
  'recovery.exempt_won',
  'recovery.exempt_open_opportunity',
  'recovery.later_deadline',
  'release.requested',
  'lock.within_limit',
  'lock.released',
  'transfer.requested',
  'won.converts_long_term',
  ...ASSIGNMENT_EVIDENCE_CODES,
  ...REGISTRATION_EVIDENCE_CODES,
  ...PARTNER_EVIDENCE_CODES,
  ...TERRITORY_EVIDENCE_CODES,
  ...CASE_EVIDENCE_CODES,
  ...CREDIT_EVIDENCE_CODES,
  ...COMMISSION_EVIDENCE_CODES,
] as const satisfies readonly DecisionEvidenceCode[];

/** The verdicts each kind of decision reaches. */
export const DECISION_VERDICTS = {
  'account.admission': ['created', 'created_despite_possible', 'readmitted', 'readmitted_despite_possible'],
  'account.merge': ['merged', 'folded'],
  'import.cluster': ['needs_review'],
  access_request: ['granted', 'denied'],
  'ownership.assign': ['distributed', 'reassigned'],
  'ownership.claim': ['claimed'],
  'ownership.release': ['recovered', 'released'],
  'ownership.transfer': ['transferred'],
  'ownership.lock': ['locked', 'unlocked'],
  'ownership.convert': ['long_term'],
  'assignment.publish': ['published'],
  'registration.verdict': ['auto_approved', 'pending_review', 'rejected'],
  'registration.review': ['approved', 'step_approved', 'returned', 'rejected', 'withdrawn', 'won', 'lost'],
  'registration.extension': ['extended', 'declined'],
  'registration.expiry': ['expired'],
  'partner.admission': ['applicant'],
  'partner.status': ['applicant', 'onboarding', 'active', 'suspended', 'terminated'],
  'partner.registration_rights': ['suspended', 'restored'],
  'territory.activate': ['activated'],
  'case.decision': ['partner_wins', 'direct_wins', 'dismissed'],
  'credit.assign': ['derived', 'manual'],
  'commission.plan': ['published', 'rejected'],
  'commission.calculate': ['calculated', 'recalculated'],
  'commission.adjust': [
    'amendment',
    'true_up',
    'clawback',
    'recompute',
    'dispute',
    'prior_period',
    'rate_change',
  ],
  'commission.dispute': ['upheld', 'rejected'],
} as const satisfies Record<DecisionKind, readonly string[]>;

export type DecisionVerdictTexts = {
  [K in DecisionKind]: Record<(typeof DECISION_VERDICTS)[K][number], string>;
};

/** The rules that decide today, by id. */
export const DECISION_RULES = [
  'account.admission',
  'account.merge.manual',
  'import.row',
  'access_request.manual',
  'pool.claim',
  'pool.distribute',
  'ownership.release.manual',
  'ownership.lock',
  'ownership.transfer.manual',
  'assignment.key_account_manager_first',
  'ownership.won_converts',
  'assignment.publish',
  'registration.screen',
  'registration.review',
  'registration.extension',
  'registration.expiry',
  'partner.admission',
  'partner.lifecycle',
  'partner.certifications',
  'ownership.transfer.partner_terminated',
  'territory.activate',
  'case.arbitration',
  'credit.ledger',
  'credit.manual_split',
  'commission.plan_review',
  'commission.dispute',
] as const;
export type DecisionRuleId = (typeof DECISION_RULES)[number];

/** What a rule's `source` parameter says: the occasion the admission check ran on. */
export const ADMISSION_SOURCES = ['create', 'import', 'update', 'restore'] as const;
export type AdmissionSource = (typeof ADMISSION_SOURCES)[number];

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

export const isKnownEvidence = (code: string): code is DecisionEvidenceCode =>
  isOneOf(DECISION_EVIDENCE_CODES, code);
export const isKnownVerdict = <K extends DecisionKind>(
  kind: K,
  verdict: string,
): verdict is (typeof DECISION_VERDICTS)[K][number] => isOneOf(DECISION_VERDICTS[kind], verdict);
export const isKnownRule = (id: string): id is DecisionRuleId => isOneOf(DECISION_RULES, id);
export const isAdmissionSource = (value: unknown): value is AdmissionSource =>
  isOneOf(ADMISSION_SOURCES, value);

/**
 * Evidence about a record the reader may not see: the server keeps its code and replaces its parameters
 * with `{ visible: false }`.
 */
export const isHidden = (item: DecisionEvidence) => item.params.visible === false;

/** A candidate customer's verdict, from its code (`match.possible` → possible); null for other codes. */
export function candidateVerdict(code: string): MatchVerdict | null {
  return code === 'match.same' || code === 'match.possible' || code === 'match.different'
    ? (code.slice('match.'.length) as MatchVerdict)
    : null;
}

/**
 * What a candidate is made of: the scorer's field-by-field evidence, stored as the scorer wrote it, so its
 * codes are the scorer's (`name.equal`, `phone.shared`, …) and evidenceText translates them.
 */
export const fieldEvidence = (item: DecisionEvidence): MatchEvidence[] =>
  (item.evidence ?? []) as MatchEvidence[];

/** A parameter as text, a list of numbers joined ("3, 7"), or null. */
export function paramText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || typeof v === 'string'))
    return value.join(', ');
  return null;
}

/** The ids evidence names, read defensively: an id is a string. */
export const paramId = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Line numbers of import rows, in order. */
export const paramLines = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
