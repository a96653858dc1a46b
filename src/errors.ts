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
  MERGE_NOT_REVERSIBLE: 'a later change depends on this merge; take that back first (details.blockedBy)',
  ACCESS_REQUEST_OPEN:
    'the caller already has an open request for this customer (details.accessRequestId); withdraw it or wait',
  ACCESS_REQUEST_CLOSED: 'the request was already decided or withdrawn (details.status)',
  ALREADY_CLAIMED: 'someone else took this customer first: it is no longer in the pool (details.poolId)',
  CLAIM_LIMIT:
    'a holding or claiming limit is reached (details.limit: claims_per_day | max_owned | max_locked | locks_per_user | daily_views; details.max, details.count, details.resetsAt where it resets)',
  CLAIM_COOLDOWN: 'the caller held this customer until recently and may claim it again from details.until',
  POOL_EMBARGO: 'the customer has only just entered the pool and may be claimed from details.until',
  NOT_POOL_MEMBER: 'the caller is not a member of this pool (details.poolId)',
  USER_HOLDS_CUSTOMERS:
    'the user still holds customers (details.count): hand them over (details.handover) first',
  OPPORTUNITY_CLOSED: 'the opportunity was already won or lost (details.status)',
  QUOTE_WRONG_STATE: 'the quote is not in the state this needs (details.status, details.expected)',
  PRODUCT_CODE_TAKEN: 'another product or product line has this code (details.code)',
  IMPORT_WRONG_STATE: 'the import is not in the state this needs (details.status, details.expected)',
  UNPROCESSABLE: 'the request is well-formed but cannot be carried out (details.fields)',
  PASSWORD_CHANGE_REQUIRED:
    'the password was set by someone else: change it (POST /api/v1/me/password) first',
  RATE_LIMITED: 'too many requests; retry after details.retryAfterSeconds (also the Retry-After header)',
  PAYLOAD_TOO_LARGE: 'the request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'the body has a content type this route does not take',
  CONTENTION: 'others are changing the same records; retry after the Retry-After header',
  RULE_SET_NOT_DRAFT: 'the rule set is published or retired and cannot change; make a draft (details.status)',
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
