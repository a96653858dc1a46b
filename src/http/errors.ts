import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldProblem } from '../errors.js';
import { isRetryable } from '../kernel/index.js';

export const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE_ACCOUNT: 409,
  POSSIBLE_DUPLICATE: 409,
  LOGIN_TAKEN: 409,
  TEAM_NAME_TAKEN: 409,
  TEAM_NOT_EMPTY: 409,
  ACCOUNT_NOT_ACTIVE: 409,
  MERGE_NOT_REVERSIBLE: 409,
  IMPORT_WRONG_STATE: 409,
  ALREADY_CLAIMED: 409,
  CLAIM_LIMIT: 409,
  CLAIM_COOLDOWN: 409,
  POOL_EMBARGO: 409,
  POOL_PRIORITY_WINDOW: 409,
  NOT_POOL_MEMBER: 403,
  USER_HOLDS_CUSTOMERS: 409,
  ACCESS_REQUEST_OPEN: 409,
  ACCESS_REQUEST_CLOSED: 409,
  ACCOUNT_READ_ONLY: 403,
  ACCESS_REQUEST_SUPERSEDED: 409,
  OPPORTUNITY_CLOSED: 409,
  QUOTE_WRONG_STATE: 409,
  REGISTRATION_WRONG_STATE: 409,
  REGISTRATION_APPROVED_BY_YOU: 409,
  ATTACHMENT_LIMIT: 409,
  ATTACHMENT_QUOTA: 409,
  PRODUCT_CODE_TAKEN: 409,
  CONTENTION: 503,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  PASSWORD_CHANGE_REQUIRED: 403,
  RATE_LIMITED: 429,
  RULE_SET_NOT_DRAFT: 409,
  RULE_SET_NOT_LIVE: 409,
  PARTNER_EXISTS: 409,
  PARTNER_TRANSITION_INVALID: 409,
  PARTNER_CHECKLIST_INCOMPLETE: 409,
  PARTNER_NOT_ACTIVE: 409,
  PARTNER_INACTIVE: 403,
  PARTNER_REGISTRATION_SUSPENDED: 409,
  PRICE_OVERLAP: 409,
  SPLIT_WRONG_STATE: 409,
  SPLIT_SELF_APPROVAL: 409,
  PERIOD_WRONG_STATE: 409,
  PERIOD_ORDER: 409,
  NO_PLAN_VERSION: 409,
  NO_PRICE: 404,
  TERRITORY_MODEL_NOT_DRAFT: 409,
  TERRITORY_CODE_TAKEN: 409,
  TERRITORY_IN_USE: 409,
  EXCLUSIVE_CONFLICT: 409,
  OUTSIDE_TERRITORY: 403,
  CASE_OPEN: 409,
  CASE_CLOSED: 409,
  CASE_NOT_DISPUTABLE: 409,
  PLAN_CODE_TAKEN: 409,
  VERSION_DRAFT_EXISTS: 409,
  VERSION_NOT_DRAFT: 409,
  AMENDMENT_IN_LOCKED_PERIOD: 409,
  SELF_APPROVAL: 409,
  PAYEE_EXISTS: 409,
  DISPUTE_OPEN: 409,
  DISPUTE_NOT_LOCKED: 409,
  DISPUTE_CLOSED: 409,
  INTERNAL: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

// Fastify's own errors (body parsing, limits) mapped to ours by their stable codes.
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'The JSON body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION_FAILED',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_CTP_INVALID_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The content type is not valid' },
  FST_ERR_BAD_URL: { code: 'VALIDATION_FAILED', message: 'The URL is malformed' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'VALIDATION_FAILED', message: 'The request is malformed' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', message: 'The request is not valid' },
};

/**
 * Turns schema issues into field problems, every one of them (zod reports all fields, not the first that
 * fails); unknown keys are named one by one.
 */
function fieldProblems(error: FastifyError): FieldProblem[] {
  const where = error.validationContext ?? 'body';
  return (error.validation ?? []).flatMap((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean).join('.');
    const keys = (issue.params as { keys?: string[] }).keys;
    if (issue.keyword === 'unrecognized_keys' && keys) {
      return keys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        problem: 'unknown_field',
        message: `is not a known ${where} field`,
      }));
    }
    // A refinement names its own problem (`invalid_phone`) through its params; zod calls it `custom`.
    const own = (issue.params as { params?: { problem?: unknown } }).params?.problem;
    const problem = issue.keyword === 'custom' && typeof own === 'string' ? own : issue.keyword;
    return [{ field: path || where, problem, message: issue.message ?? 'is not valid' }];
  });
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: STATUS[error.code],
      body: { error: { code: error.code, message: error.message, details: error.details } },
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError?.validation) {
    const fields = fieldProblems(fastifyError);
    const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ') || fastifyError.message;
    return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message, details: { fields } } } };
  }
  const integrity = integrityError(error);
  if (integrity) return integrity;
  if (isRetryable(error)) {
    // Contention that escaped a unit of work's retries (or a read outside one): try again, never a 500.
    return {
      status: STATUS.CONTENTION,
      body: {
        error: {
          code: 'CONTENTION',
          message: 'Others are changing the same records; try again in a moment',
          details: { retryAfterSeconds: 1 },
        },
      },
    };
  }
  const known = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) {
    return {
      status: STATUS[known.code],
      body: { error: { code: known.code, message: known.message, details: {} } },
    };
  }
  if (fastifyError?.statusCode === 429) {
    return {
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: 'Too many requests; slow down', details: {} } },
    };
  }
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      body: { error: { code: 'VALIDATION_FAILED', message: fastifyError.message, details: {} } },
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side; it has been logged',
        details: {},
      },
    },
  };
}

/**
 * A constraint the database enforced that no service check caught first: still the caller's input, so a
 * 4xx naming the constraint, never a 500. (Services should catch these earlier with a better message.)
 */
function integrityError(error: unknown): { status: number; body: ErrorBody } | undefined {
  const e = error as { code?: unknown; constraint?: unknown };
  if (typeof e?.code !== 'string' || !/^23\d{3}$/.test(e.code)) return undefined;
  const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
  const conflict = e.code === '23505' || e.code === '23P01';
  const code: ErrorCode = conflict ? 'CONFLICT' : 'VALIDATION_FAILED';
  const message = conflict
    ? 'This conflicts with an existing record'
    : e.code === '23503'
      ? 'This refers to a record that does not exist'
      : 'This breaks a rule of the data';
  return {
    status: STATUS[code],
    body: { error: { code, message, details: constraint ? { constraint } : {} } },
  };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorBody(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, status }, 'request rejected');
  const retry = body.error.details.retryAfterSeconds;
  if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  body.error.details = { ...body.error.details, requestId: request.id };
  return reply.status(status).send(body);
}
