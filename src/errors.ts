/**
 * Domain errors carry a stable code and the details a user needs. The HTTP edge maps codes to statuses;
 * domain code never speaks HTTP.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'the request is not valid; details.fields names each field and its problem',
  UNAUTHENTICATED: 'no valid session or token; details.reason says which',
  INVALID_CREDENTIALS: 'login or password is incorrect',
  FORBIDDEN: 'the caller lacks a permission (details.permission) or may not act on this record',
  NOT_FOUND: 'no such record, or not one the caller may see',
  CONFLICT: 'the change conflicts with an existing record (a database constraint; details.constraint)',
  DUPLICATE_ACCOUNT: 'this customer already exists (details.matches)',
  POSSIBLE_DUPLICATE: 'similar customers exist; send confirm.reason to create anyway (details.matches)',
  LOGIN_TAKEN: 'another user has this login',
  TEAM_NAME_TAKEN: 'a sibling team already has this name',
  TEAM_NOT_EMPTY: 'the team still has members or sub-teams (details.members, details.children)',
  ACCOUNT_NOT_ACTIVE: 'the account is archived or merged away (details.status)',
  ACCOUNT_READ_ONLY:
    'the caller sees this customer as a collaborator on its account team (details.role, details.until) and may not make this change: the account and its contacts are changed by its owner’s side, and a former owner kept read-only logs nothing',
  MERGE_NOT_REVERSIBLE: 'a later change depends on this merge; take that back first (details.blockedBy)',
  ACCESS_REQUEST_OPEN:
    'the caller already has an open request for this customer (details.accessRequestId); withdraw it or wait',
  ACCESS_REQUEST_CLOSED: 'the request was already decided or withdrawn (details.status)',
  ACCESS_REQUEST_SUPERSEDED:
    'another request for this customer was granted after this one was filed (details.decisionId, details.since): deny this one or let the requester ask again',
  ALREADY_CLAIMED: 'someone else took this customer first: it is no longer in the pool (details.poolId)',
  CLAIM_LIMIT:
    'a holding or claiming limit is reached (details.limit: claims_per_day | max_owned | max_locked | locks_per_user | daily_views; details.max, details.count, details.resetsAt where it resets)',
  CLAIM_COOLDOWN: 'the caller held this customer until recently and may claim it again from details.until',
  POOL_EMBARGO: 'the customer has only just entered the pool and may be claimed from details.until',
  POOL_PRIORITY_WINDOW:
    'only members ranked details.rankNeeded or better (by details.measure, last month) may claim it until details.until; the caller ranks details.rank',
  NOT_POOL_MEMBER: 'the caller is not a member of this pool (details.poolId)',
  USER_HOLDS_CUSTOMERS:
    'the user still holds customers (details.count): hand them over (details.handover) first',
  OPPORTUNITY_CLOSED: 'the opportunity was already won or lost (details.status)',
  QUOTE_WRONG_STATE: 'the quote is not in the state this needs (details.status, details.expected)',
  PRODUCT_CODE_TAKEN: 'another product or product line has this code (details.code)',
  REGISTRATION_WRONG_STATE:
    'the deal registration is not in a state this step may leave (details.status, details.expected)',
  ATTACHMENT_LIMIT: 'the registration already carries details.max files; remove one first (details.count)',
  ATTACHMENT_QUOTA:
    'the partner’s attachments would exceed its quota (details.quotaBytes; details.usedBytes in use, details.sizeBytes more)',
  REGISTRATION_APPROVED_BY_YOU:
    'the caller already approved an earlier step of this registration; another reviewer approves the next',
  IMPORT_WRONG_STATE: 'the import is not in the state this needs (details.status, details.expected)',
  UNPROCESSABLE: 'the request is well-formed but cannot be carried out (details.fields)',
  PASSWORD_CHANGE_REQUIRED:
    'the password was set by someone else: change it (POST /api/v1/me/password) first',
  RATE_LIMITED: 'too many requests; retry after details.retryAfterSeconds (also the Retry-After header)',
  PAYLOAD_TOO_LARGE: 'the request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'the body has a content type this route does not take',
  CONTENTION: 'others are changing the same records; retry after the Retry-After header',
  PRICE_OVERLAP:
    'another price of this product, currency and tier is valid over some of these dates (details.conflictId, details.validFrom, details.validUntil)',
  NO_PRICE:
    'no price of this product in this currency holds on this date (details.productId, details.currency, details.date)',
  TERRITORY_MODEL_NOT_DRAFT:
    'the territory model is active or retired and cannot change; make a draft from it (details.status)',
  TERRITORY_CODE_TAKEN: 'the model already has a territory with this code (details.code)',
  TERRITORY_IN_USE:
    'the territory still has territories below it or authorisations on it (details.children, details.authorisations)',
  EXCLUSIVE_CONFLICT:
    'the authorisation overlaps another party’s where one of them is exclusive (details.conflicts: authorisation, party, region, industries, product lines, dates)',
  OUTSIDE_TERRITORY:
    'the partner is not authorised for this region × industry × product line on this date (details.reason, details.authorised: what it is authorised for)',
  RULE_SET_NOT_DRAFT: 'the rule set is published or retired and cannot change; make a draft (details.status)',
  RULE_SET_NOT_LIVE:
    'applying a rule set to existing accounts stopped: a newer set went live (details.ruleSetId, details.status)',
  PARTNER_EXISTS:
    'this company is already a partner (details.partnerId where the caller may see it); a partner is admitted once',
  PARTNER_TRANSITION_INVALID:
    'the partner cannot move from details.from to details.to; details.allowed lists where it can go',
  PARTNER_CHECKLIST_INCOMPLETE:
    'the onboarding checklist has required items not done yet (details.missing: their codes)',
  PARTNER_NOT_ACTIVE: 'the partner is not active (details.status); this needs an active partner',
  PARTNER_INACTIVE:
    'the caller belongs to a partner that is suspended or terminated (details.status) and cannot act',
  PARTNER_REGISTRATION_SUSPENDED:
    'the partner’s registration rights are suspended (details.reason, e.g. a lapsed required certification)',
  CASE_OPEN: 'the registration already has an open case (details.caseId); follow that one',
  CASE_CLOSED: 'the case was already decided or withdrawn (details.status); a second decision is refused',
  CASE_NOT_DISPUTABLE:
    'the registration is not refused, or its refusal was already arbitrated (details.status, details.reason)',
  SPLIT_WRONG_STATE:
    'the credit split is not in the state this needs (details.status, details.expected); one split per transaction may wait at a time',
  SPLIT_SELF_APPROVAL: 'whoever entered a credit split cannot approve or reject it (details.enteredBy)',
  PLAN_CODE_TAKEN: 'another commission plan has this code (details.code)',
  VERSION_DRAFT_EXISTS:
    'the plan already has a draft version waiting (details.versionId, details.version): publish or reject it first',
  VERSION_NOT_DRAFT: 'the plan version is already published or rejected and never changes (details.status)',
  AMENDMENT_IN_LOCKED_PERIOD:
    'effectiveFrom falls strictly inside a locked or paid commission period (details.periodStart, details.periodEnd, details.status); start on that period’s first day or after it',
  SELF_APPROVAL: 'whoever wrote it cannot approve, publish or reject it (details.authorId)',
  PAYEE_EXISTS: 'the user or partner is already a payee of this plan',
  DISPUTE_OPEN: 'this statement line already has an open dispute (details.lineId)',
  DISPUTE_NOT_LOCKED:
    'only a line of a locked or paid period’s locked statement can be disputed (details.periodStatus)',
  DISPUTE_CLOSED:
    'the dispute is not in a state that allows this (details.status, details.expected); a resolved dispute never changes',
  PERIOD_WRONG_STATE:
    'the commission period is not in the state this step needs (details.status, details.expected)',
  PERIOD_ORDER:
    'a year-to-date plan calculates its periods in order: calculate the period starting details.periodStart first',
  NO_PLAN_VERSION: 'no published version of the plan is in force on details.periodEnd',
  INTERNAL: 'something failed on the server; it is logged under details.requestId',
} as const;

/**
 * Domain errors carry a stable code and the details a user needs. The HTTP edge maps codes to statuses;
 * domain code never speaks HTTP.
 */
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `teamId` or `scopes.0`. */
  field: string;
  /** Machine-readable problem, e.g. `too_small`, `unknown_field`, `invalid_type`. */
  problem: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (entity: string, id: string) =>
  new AppError('NOT_FOUND', `${entity} ${id} was not found`, { entity, id });

/**
 * An error about one field, in the shape every field error has: `details.fields`, so a client reads field
 * problems one way whatever the code (VALIDATION_FAILED, CONFLICT, FORBIDDEN…).
 */
export const fieldError = (
  code: ErrorCode,
  message: string,
  problem: FieldProblem,
  details: Record<string, unknown> = {},
) => new AppError(code, message, { ...details, fields: [problem] });

export const forbidden = (message = 'You do not have permission to do this', details = {}) =>
  new AppError('FORBIDDEN', message, details);

export const invalid = (problems: FieldProblem[]) =>
  new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    fields: problems,
  });

/** A unique constraint refused the write: two writers raced for one value. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
