/**
 * Domain errors carry a stable code and the details a user needs. The HTTP edge maps codes to statuses;
 * domain code never speaks HTTP.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE_ACCOUNT'
  | 'POSSIBLE_DUPLICATE'
  | 'UNPROCESSABLE'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

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

export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, details);

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
