import { evidence, type Work } from '../../kernel/index.js';
import { applyMoves } from './ledger.js';
import * as ledger from './ledger.repo.js';
import * as repo from './ownership.repo.js';
import { loadRecoveryContext, storeDeadlines } from './protection.js';

/**
 * Brings the accounts' claims up to date with what recovery depends on, inside the caller's unit of work.
 * Modules that change those facts (a follow-up logged, an opportunity opened, won or lost, a grade changed)
 * call it for the accounts they touched. A first won deal marks the customer won and, where the
 * organisation says so, turns its protected claim into long-term ownership (with its own decision): callers
 * say `dealClosed` when a deal was won or lost, the only change that can make a customer won.
 *
 * Each account comes with its owner where the caller read it under its lock (`ownerId`): a protection
 * clock is a rep's claim's, so a customer no rep holds (null) has none to look up. Left out, it is looked up.
 */
export async function refreshProtection(
  w: Work,
  accounts: readonly { id: string; ownerId?: string | null }[],
  options: { dealClosed?: boolean } = {},
): Promise<void> {
  if (accounts.length === 0) return;
  const accountIds = accounts.map((a) => a.id);
  const clocked = accounts.filter((a) => a.ownerId !== null).map((a) => a.id);
  // Only a deal closing can make a customer won.
  const won = options.dealClosed ? await repo.wonOpportunities(w.tx, accountIds) : new Map<string, string>();
  // The organisation's rule matters only for a won deal: most refreshes (an opportunity opened) have none.
  const org = won.size > 0 ? await ledger.orgSettings(w.tx) : null;
  const claims = clocked.length > 0 ? await ledger.protectedClaimsOf(w.tx, clocked) : [];
  const converting = [];
  for (const [accountId, wonAt] of won) {
    await repo.setWonAt(w.tx, accountId, wonAt);
    const claim = claims.find((c) => c.accountId === accountId);
    if (!claim || !org?.won_converts_long_term) continue;
    const decisionId = w.decide({
      kind: 'ownership.convert',
      subject: { type: 'account', id: accountId },
      verdict: 'long_term',
      rule: { id: 'ownership.won_converts', version: 1, params: { wonConvertsLongTerm: true } },
      evidence: [evidence('won.converts_long_term', { wonAt, userId: claim.userId })],
    });
    w.audit({
      action: 'ownership.converted',
      entityType: 'account',
      entityId: accountId,
      after: { kind: 'long_term', wonAt },
      decisionId,
    });
    converting.push({
      accountId,
      // A partner's rep keeps the customer for the partner: the claim's partner goes with it.
      to: { type: 'user' as const, userId: claim.userId, partnerId: claim.partnerId },
      claimKind: 'long_term' as const,
      via: 'won' as const,
      decisionId,
    });
  }
  await applyMoves(w, converting);
  const left = converting.length
    ? await ledger.protectedClaimsOf(w.tx, clocked)
    : claims.map((c) => ({ ...c, wonAt: c.wonAt ?? won.get(c.accountId) ?? null }));
  if (left.length === 0) return;
  await storeDeadlines(w.tx, await loadRecoveryContext(w.tx), left);
}
