import { fieldError } from '../../errors.js';
import { evidence, type Work } from '../../kernel/index.js';
import { holderId, recordHandovers, type Handover } from './handover.js';
import type { Holder } from './ledger.js';
import * as ledger from './ledger.repo.js';
import * as repo from './ownership.repo.js';
import { userBrief } from './pools.repo.js';

/** Where a terminated partner's customers go: a pool, a direct team's queue, a direct person, or a partner. */
export type PartnerHandover =
  | { type: 'pool'; poolId: string }
  | { type: 'team'; teamId: string }
  | { type: 'user'; userId: string }
  | { type: 'partner'; partnerId: string };

const RULE = 'ownership.transfer.partner_terminated';

const targetProblem = (field: string, problem: string, message: string) =>
  fieldError('VALIDATION_FAILED', `handover.${field}: ${message}`, {
    field: `handover.${field}`,
    problem,
    message,
  });

/** How many active customers a partner (or its people) holds now. */
export async function partnerHoldings(w: Work, partnerId: string): Promise<number> {
  return (await repo.heldByPartner(w.tx, partnerId)).length;
}

/**
 * Hands every customer a partner (or one of its people) holds over to one target, in the caller's unit of
 * work: one decision, one audit entry and one `ownership.changed` event per customer, so each move can be
 * explained on its own. A receiving partner must be checked by the caller (the partners module knows
 * whether it is active); pools, teams and people are checked here. Returns how many customers moved.
 */
export async function handOverPartnerCustomers(
  w: Work,
  partnerId: string,
  to: PartnerHandover,
  note: string,
): Promise<{ moved: number; accountIds: string[] }> {
  const held = await repo.heldByPartner(w.tx, partnerId);
  let holder: Holder;
  switch (to.type) {
    case 'pool':
      if (!(await ledger.activePools(w.tx)).some((p) => p.id === to.poolId))
        throw targetProblem('poolId', 'unknown', 'is no such pool');
      holder = { type: 'pool', poolId: to.poolId };
      break;
    case 'team':
      if (!(await repo.teamExists(w.tx, to.teamId)))
        throw targetProblem('teamId', 'unknown', 'is no such team');
      holder = { type: 'team', teamId: to.teamId };
      break;
    case 'user': {
      const user = await userBrief(w.tx, to.userId);
      if (!user || user.partner_id) throw targetProblem('userId', 'unknown', 'is no such direct user');
      if (user.status !== 'active') throw targetProblem('userId', 'inactive', 'is not active');
      holder = { type: 'user', userId: user.id, partnerId: null };
      break;
    }
    case 'partner':
      if (to.partnerId === partnerId)
        throw targetProblem('partnerId', 'self', 'is the partner being terminated');
      holder = { type: 'partner', partnerId: to.partnerId };
      break;
  }
  if (held.length === 0) return { moved: 0, accountIds: [] };
  const locked = await ledger.lockAccounts(w.tx, held);
  const target = holderId(holder);
  const handovers: Handover[] = locked.map(({ account }) => {
    const decisionId = w.decide({
      kind: 'ownership.transfer',
      subject: { type: 'account', id: account.id },
      verdict: 'transferred',
      rule: { id: RULE, version: 1, params: { to: to.type } },
      evidence: [
        evidence('transfer.partner_terminated', {
          partnerId,
          fromUserId: account.owner_id,
          toType: to.type,
          to: target,
          by: w.actor.id,
        }),
      ],
    });
    return {
      accountId: account.id,
      fromUserId: account.owner_id,
      to: holder,
      via: 'transfer' as const,
      decisionId,
      audit: {
        action: 'ownership.transferred' as const,
        before: { ownerId: account.owner_id, partnerId: account.partner_id },
        reason: note,
      },
      // The partner's people are leaving with it: only the receiving side is told, and the partner's open
      // deals stay with the registrations the partners module hands over.
      tell: { to: 'ownership.transferred_in' as const, params: { note, decisionId } },
      opportunitiesFollow: false,
    };
  });
  await recordHandovers(w, handovers);
  return { moved: handovers.length, accountIds: handovers.map((h) => h.accountId) };
}
