import type { Work } from '../../kernel/index.js';
import { applyMoves, holderOf, type Holder } from './ledger.js';
import * as repo from './ledger.repo.js';

/**
 * A partner's protected hold on a customer, as deal registration writes it: the ledger's open claim is the
 * partner's (holder `partner`, kind `protected`), dated to the registration's protection end, so direct reps
 * cannot claim or be assigned the customer meanwhile. The recovery sweep leaves these claims alone
 * (`dueClaims`): they end when their registration expires, is lost or withdrawn, through `releasePartnerHold`.
 */

export interface PartnerHold {
  accountId: string;
  partnerId: string;
  /** The instant protection ends (the start of the organisation-local day after the last protected date); null: open-ended (a won deal). */
  endsAt: string | null;
  decisionId: string;
}

/** Gives the customer to the partner until `endsAt` (or moves the date of the partner's open hold). */
export async function holdForPartner(w: Work, hold: PartnerHold): Promise<{ previous: Holder | null }> {
  const [held] = await repo.lockAccounts(w.tx, [hold.accountId]);
  if (!held) throw new Error(`account ${hold.accountId} vanished under its lock`);
  const previous = holderOf(held.claim);
  let claimId = held.claim?.id;
  const already = held.claim?.holder === 'partner' && held.claim.partner_id === hold.partnerId;
  if (!already) {
    const [claim] = await applyMoves(
      w,
      [
        {
          accountId: hold.accountId,
          to: { type: 'partner', partnerId: hold.partnerId },
          claimKind: 'protected',
          via: 'registration',
          decisionId: hold.decisionId,
        },
      ],
      { current: new Map(held.claim ? [[hold.accountId, held.claim]] : []) },
    );
    claimId = claim!.id;
  }
  await repo.setDeadlines(w.tx, [
    {
      claimId: claimId!,
      endsAt: hold.endsAt,
      // No recovery rule set this date (readers take `ends_rule` for one): the registration, named by the
      // claim's decision, did.
      rule: null,
    },
  ]);
  return { previous };
}

/**
 * Ends the partner's hold: the customer goes back to the pool it came from before the partner held it, or
 * to no one when it came from nowhere (a customer the registration brought in). Does nothing when the
 * partner no longer holds it.
 */
export async function releasePartnerHold(
  w: Work,
  release: { accountId: string; partnerId: string; decisionId: string; reason: string },
): Promise<{ poolId: string | null } | null> {
  const [held] = await repo.lockAccounts(w.tx, [release.accountId]);
  if (!held?.claim || held.claim.holder !== 'partner' || held.claim.partner_id !== release.partnerId)
    return null;
  const before = await repo.previousClaim(w.tx, release.accountId, held.claim.id);
  const poolId = before?.holder === 'pool' ? before.pool_id : null;
  const active = poolId ? (await repo.activePools(w.tx)).some((p) => p.id === poolId) : false;
  if (poolId && active) {
    await applyMoves(
      w,
      [
        {
          accountId: release.accountId,
          to: { type: 'pool', poolId },
          via: 'release',
          decisionId: release.decisionId,
          endReason: release.reason,
        },
      ],
      { current: new Map([[release.accountId, held.claim]]) },
    );
    return { poolId };
  }
  await repo.endClaims(w.tx, [held.claim.id], release.reason, new Date().toISOString());
  await repo.clearHolder(w.tx, release.accountId);
  return { poolId: null };
}
