import type { TFunction } from 'i18next';
import { ApiError, type FieldProblem } from '../api/client.js';

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

/** Any error as one sentence in the UI language, using the details the server sent where they help. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const details = error.details;
  switch (error.code) {
    case 'RATE_LIMITED':
      return error.retryAfterSeconds
        ? t('errors.rateLimitedRetry', { time: durationText(t, error.retryAfterSeconds) })
        : t('errors.RATE_LIMITED');
    case 'FORBIDDEN':
      if (typeof details.permission === 'string') {
        const permission = loose(t)(`permissions.${details.permission}`, {
          defaultValue: details.permission,
        });
        return t('errors.forbiddenPermission', { permission });
      }
      if (typeof details.role === 'string') {
        return t('errors.forbiddenRole', {
          role: loose(t)(`roles.${details.role}`, { defaultValue: details.role }),
        });
      }
      return t('errors.FORBIDDEN');
    case 'CONFLICT':
      if (typeof details.members === 'number' && typeof details.children === 'number') {
        return t('teams.notEmpty', { members: details.members, children: details.children });
      }
      break;
  }
  if (error.fields.length > 0) return error.fields.map((p) => fieldProblemText(t, p)).join('; ');
  return loose(t)(`errors.${error.code}`, { defaultValue: error.message });
}
