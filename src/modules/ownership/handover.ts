import type { JsonObject, Work } from '../../kernel/index.js';
import { startOfLocalDate } from './deadline.js';
import { applyMoves, type Holder, type Via } from './ledger.js';
import * as ledger from './ledger.repo.js';
import { notify, type Notice, type NotificationKind } from './notifications.js';
import * as repo from './ownership.repo.js';

/**
 * A customer handed from one holder to another once its decision is recorded — by a transfer, a granted
 * request, a rule set applied to existing customers, a partner's termination. Each writes the same things
 * beside the ledger's claim, here and nowhere else: an audit entry whose `after` names the new holder, the
 * `ownership.changed` event, a notice to each side that is to be told, the former owner's open
 * opportunities following the customer to a new owner, and the former owner kept read-only on the account
 * team when asked.
 */
export interface Handover {
  accountId: string;
  /** The person who held it (the account's owner), if any. */
  fromUserId: string | null;
  to: Holder;
  via: Via;
  decisionId: string;
  audit: {
    action: 'ownership.transferred' | 'ownership.reassigned';
    before: JsonObject;
    /** Beside the new holder, which `after` always names. */
    after?: JsonObject;
    reason: string | null;
  };
  /** What each side is told; a side with no kind is not told, nor is the person acting. */
  tell: { from?: NotificationKind; to?: NotificationKind; params: JsonObject };
  /** The organisation-local date until which the former owner stays on the account team, read-only. */
  keepFormerUntil?: string | undefined;
  /** Whether the former owner's open opportunities follow to a new owner (default: they do). */
  opportunitiesFollow?: boolean;
  /** The claim is already in the ledger (moves decided one after another, each reading the last). */
  claimed?: boolean;
}

/** The id of whoever holds: the person, team, pool or partner. */
export function holderId(to: Holder): string {
  switch (to.type) {
    case 'user':
      return to.userId;
    case 'team':
      return to.teamId;
    case 'pool':
      return to.poolId;
    case 'partner':
      return to.partnerId;
  }
}

/** The holder fields of an audit entry's `after`: who holds the customer now, whatever kind of holder. */
export function holderFields(to: Holder): JsonObject {
  return {
    ownerId: to.type === 'user' ? to.userId : null,
    partnerId: to.type === 'partner' || to.type === 'user' ? to.partnerId : null,
    poolId: to.type === 'pool' ? to.poolId : null,
    teamId: to.type === 'team' ? to.teamId : null,
  };
}

/** Records handovers in the caller's unit of work, whose accounts it has locked; returns the opportunities moved. */
export async function recordHandovers(
  w: Work,
  handovers: readonly Handover[],
): Promise<{ opportunitiesMoved: number }> {
  const notices: Notice[] = [];
  const formers: Parameters<typeof repo.addFormerOwners>[1][number][] = [];
  const opportunityMoves: { accountId: string; from: string; to: string }[] = [];
  const zone = handovers.some((h) => h.keepFormerUntil) ? (await ledger.orgSettings(w.tx)).time_zone : null;
  for (const h of handovers) {
    const { accountId, fromUserId, decisionId } = h;
    const toUserId = h.to.type === 'user' ? h.to.userId : null;
    w.audit({
      action: h.audit.action,
      entityType: 'account',
      entityId: accountId,
      before: h.audit.before,
      after: { ...holderFields(h.to), ...h.audit.after },
      reason: h.audit.reason,
      decisionId,
    });
    w.emit('ownership.changed', {
      accountId,
      fromUserId,
      toUserId,
      poolId: h.to.type === 'pool' ? h.to.poolId : null,
      via: h.via,
      decisionId,
    });
    const tell = (userId: string, kind: NotificationKind | undefined) => {
      if (kind && userId !== w.actor.id) notices.push({ userId, kind, params: h.tell.params, accountId });
    };
    if (toUserId) tell(toUserId, h.tell.to);
    if (!fromUserId || fromUserId === toUserId) continue;
    tell(fromUserId, h.tell.from);
    if (h.keepFormerUntil && zone)
      formers.push({
        accountId,
        userId: fromUserId,
        until: startOfLocalDate(h.keepFormerUntil, zone),
        addedBy: w.actor.id,
      });
    if (toUserId && h.opportunitiesFollow !== false)
      opportunityMoves.push({ accountId, from: fromUserId, to: toUserId });
  }
  await applyMoves(
    w,
    handovers
      .filter((h) => !h.claimed)
      .map((h) => ({ accountId: h.accountId, to: h.to, via: h.via, decisionId: h.decisionId })),
  );
  await repo.addFormerOwners(w.tx, formers);
  const opportunitiesMoved = await repo.moveOpenOpportunities(w.tx, opportunityMoves);
  await notify(w.tx, notices);
  return { opportunitiesMoved };
}
