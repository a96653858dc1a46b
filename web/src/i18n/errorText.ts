import i18next, { type TFunction } from 'i18next';
import { ApiError, type FieldProblem } from '../api/client.js';
import { IMPORT_STATUSES, PRIORITY_MEASURES } from '../api/types.js';
import { formatDateTime } from './format.js';

/** For keys built at run time (error codes, problem codes): a missing key falls back to `defaultValue`. */
export type LooseT = (key: string, options?: Record<string, unknown>) => string;
export const loose = (t: TFunction): LooseT => t as unknown as LooseT;

export function durationText(t: TFunction, seconds: number): string {
  if (seconds < 90) return t('duration.seconds', { count: Math.max(1, Math.ceil(seconds)) });
  return t('duration.minutes', { count: Math.ceil(seconds / 60) });
}

/** A field problem in the UI language, by its `problem` code; the server's English message otherwise. */
export function problemText(t: TFunction, problem: FieldProblem): string {
  return loose(t)(`problems.${problem.problem}`, { defaultValue: problem.message });
}

export function fieldLabel(t: TFunction, field: string): string {
  const top = field.split('.')[0] ?? field;
  return loose(t)(`fields.${top}`, { defaultValue: field });
}

/** "Team: no such team", for problems that have no field on the form at hand. */
export function fieldProblemText(t: TFunction, problem: FieldProblem): string {
  return t('errors.fieldProblem', { field: fieldLabel(t, problem.field), problem: problemText(t, problem) });
}

/** Why an un-merge was refused (`MERGE_NOT_REVERSIBLE`, details.reason). */
export const MERGE_REFUSALS = [
  'already_unmerged',
  'survivor_merged',
  'survivor_archived',
  'merged_changed',
] as const;
export type MergeRefusal = (typeof MERGE_REFUSALS)[number];

/** The state of a customer a change needed active (`ACCOUNT_NOT_ACTIVE`, details.status; null: gone). */
export const ACCOUNT_STATES = ['active', 'archived', 'merged', 'gone'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

const count = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const oneOf = <T extends string>(list: readonly T[], value: unknown): T | undefined =>
  list.find((item) => item === value);

/** The sentence an error's details make possible (who holds the login, which merge blocks), or null. */
function detailedText(t: TFunction, error: ApiError): string | null {
  const d = error.details;
  const lt = loose(t);
  switch (error.code) {
    case 'RATE_LIMITED':
      return error.retryAfterSeconds
        ? t('errors.rateLimitedRetry', { time: durationText(t, error.retryAfterSeconds) })
        : null;
    case 'CONTENTION':
      return error.retryAfterSeconds
        ? t('errors.contentionRetry', { time: durationText(t, error.retryAfterSeconds) })
        : null;
    case 'FORBIDDEN': {
      const permission = text(d.permission);
      if (permission) {
        return t('errors.forbiddenPermission', {
          permission: lt(`permissions.${permission}`, { defaultValue: permission }),
        });
      }
      const role = text(d.role);
      return role ? t('errors.forbiddenRole', { role: lt(`roles.${role}`, { defaultValue: role }) }) : null;
    }
    case 'LOGIN_TAKEN': {
      const login = text(d.login);
      return login ? t('errors.loginTaken', { login }) : null;
    }
    case 'TEAM_NAME_TAKEN': {
      const name = text(d.name);
      return name ? t('errors.teamNameTaken', { name }) : null;
    }
    case 'TEAM_NOT_EMPTY': {
      const members = count(d.members);
      const children = count(d.children);
      return members !== undefined && children !== undefined
        ? t('errors.teamNotEmpty', { members, children })
        : null;
    }
    case 'ACCOUNT_NOT_ACTIVE': {
      const state = d.status === null ? 'gone' : oneOf(ACCOUNT_STATES, d.status);
      return state ? t(`errors.accountNotActive.${state}`) : null;
    }
    case 'MERGE_NOT_REVERSIBLE': {
      const reason = oneOf(MERGE_REFUSALS, d.reason);
      return reason ? t(`errors.mergeNotReversible.${reason}`) : null;
    }
    case 'POOL_PRIORITY_WINDOW': {
      const until = text(d.until);
      const measure = oneOf(PRIORITY_MEASURES, d.measure);
      const [rank, rankNeeded, members] = [count(d.rank), count(d.rankNeeded), count(d.members)];
      return until && measure && rank !== undefined && rankNeeded !== undefined && members !== undefined
        ? t('errors.poolPriorityWindow', {
            until: formatDateTime(until, i18next.language || 'en'),
            measure: t(`ownership.pools.measures.${measure}`),
            rank,
            rankNeeded,
            members,
          })
        : null;
    }
    case 'IMPORT_WRONG_STATE': {
      const status = oneOf(IMPORT_STATUSES, d.status);
      const expected = oneOf(IMPORT_STATUSES, d.expected);
      return status && expected
        ? t('errors.importWrongState', {
            status: t(`imports.statuses.${status}`),
            expected: t(`imports.statuses.${expected}`),
          })
        : null;
    }
    default:
      return null;
  }
}

/**
 * Any error as one sentence in the UI language: from its details where they say more, else its field
 * problems, else the text of its code (every server code has one: en.errors.ts), else the server's message.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const detailed = detailedText(t, error);
  if (detailed) return detailed;
  if (error.fields.length > 0) return error.fields.map((p) => fieldProblemText(t, p)).join('; ');
  return loose(t)(`errors.${error.code}`, { defaultValue: error.message });
}
