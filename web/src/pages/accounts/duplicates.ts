import { ApiError } from '../../api/client.js';
import type { AccountWarning, CheckResult, DuplicateMatch } from '../../api/types.js';

const VERDICTS = new Set(['same', 'possible', 'different']);

function isMatch(value: unknown): value is DuplicateMatch {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.verdict === 'string' && VERDICTS.has(v.verdict) && typeof v.visible === 'boolean';
}

/**
 * A create refused because of duplicates (409 DUPLICATE_ACCOUNT or POSSIBLE_DUPLICATE, when someone else
 * entered the customer between the live check and the submit) as the check result it amounts to.
 */
export function checkFromError(error: unknown): CheckResult | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code !== 'DUPLICATE_ACCOUNT' && error.code !== 'POSSIBLE_DUPLICATE') return null;
  const matches = Array.isArray(error.details.matches) ? error.details.matches.filter(isMatch) : [];
  return { verdict: error.code === 'DUPLICATE_ACCOUNT' ? 'same' : 'possible', matches, warnings: [] };
}

/** The existing account a 'same' verdict points to, when the caller may open it. */
export function existingAccountId(result: CheckResult | null | undefined): string | undefined {
  return result?.matches.find((m) => m.verdict === 'same' && m.visible && m.accountId)?.accountId;
}

/** An account's duplicates, found by checking its own values: the account itself is left out. */
export function duplicatesOf(result: CheckResult | undefined, accountId: string): DuplicateMatch[] {
  return (result?.matches ?? []).filter((m) => m.visible && m.accountId && m.accountId !== accountId);
}

/** The warnings about one field, as texts for its Form.Item. */
export function warningsFor(
  result: CheckResult | null | undefined,
  field: string,
  text: (warning: AccountWarning) => string,
): string[] {
  return (result?.warnings ?? []).filter((w) => w.field === field).map(text);
}
