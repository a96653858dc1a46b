import { AppError } from '../../errors.js';
import type { Work } from '../../kernel/index.js';
import { recordHandovers } from './handover.js';
import * as ledger from './ledger.repo.js';
import { notify } from './notifications.js';
import { userBrief } from './pools.repo.js';

/**
 * A granted access request (or an upheld conflict flag) hands the customer to the requester in the unit of
 * work that decides it. Two steps, because the decision sits between them: `lockForGrant` takes the
 * customer's row lock before the request's — so two grants on one customer queue on the customer — and
 * says whether the customer can move; the caller records its decision; `grantToRequester` moves it.
 */

export interface GrantRequest {
  id: string;
  accountId: string;
  requesterId: string;
  /** When the request was filed: a grant of a competing request since then supersedes it. */
  createdAt: string;
}

/** Why a grant leaves the customer where it is (an evidence parameter the web translates). */
export type GrantUnchanged = 'account_not_active' | 'requester_inactive' | 'already_owner';

export interface GrantBasis {
  accountId: string;
  fromUserId: string | null;
  requester: { id: string; partnerId: string | null } | null;
  unchanged: GrantUnchanged | null;
}

export async function lockForGrant(w: Work, request: GrantRequest): Promise<GrantBasis> {
  const [held] = await ledger.lockAccounts(w.tx, [request.accountId]);
  const claim = held?.claim ?? null;
  // Another request on this customer was granted after this one was filed: the customer this request
  // asked about has moved under it, so the decider looks again rather than pass it on a second time.
  if (
    claim?.via === 'request' &&
    claim.user_id !== request.requesterId &&
    new Date(claim.started_at).getTime() > new Date(request.createdAt).getTime()
  )
    throw new AppError('ACCESS_REQUEST_SUPERSEDED', 'Another request for this customer was granted first', {
      decisionId: claim.decision_id,
      since: claim.started_at,
    });
  const requester = await userBrief(w.tx, request.requesterId);
  const fromUserId = held?.account.owner_id ?? null;
  const unchanged: GrantUnchanged | null =
    !held || held.account.status !== 'active'
      ? 'account_not_active'
      : !requester || requester.status !== 'active'
        ? 'requester_inactive'
        : fromUserId === request.requesterId
          ? 'already_owner'
          : null;
  return {
    accountId: request.accountId,
    fromUserId,
    requester: requester ? { id: requester.id, partnerId: requester.partner_id } : null,
    unchanged,
  };
}

/**
 * Moves the customer the basis says can move: a new claim for the requester (protected, with its deadline
 * computed as for any new owner) whose decision is the request's; open opportunities of the former owner
 * go along; the former owner may stay on the account team, read-only, until a date. Audited, announced as
 * `ownership.changed`, and both sides are told.
 */
export async function grantToRequester(
  w: Work,
  basis: GrantBasis,
  grant: { requestId: string; decisionId: string; note: string | null; keepFormerUntil?: string | undefined },
): Promise<boolean> {
  if (basis.unchanged || !basis.requester) return false;
  const { accountId, fromUserId } = basis;
  const { decisionId } = grant;
  await recordHandovers(w, [
    {
      accountId,
      fromUserId,
      to: { type: 'user', userId: basis.requester.id, partnerId: basis.requester.partnerId },
      via: 'request',
      decisionId,
      audit: {
        action: 'ownership.transferred',
        before: { ownerId: fromUserId },
        after: { requestId: grant.requestId },
        reason: grant.note,
      },
      tell: {
        to: 'access_request.granted',
        from: 'ownership.requested_away',
        params: { requestId: grant.requestId, decisionId, note: grant.note ?? '' },
      },
      keepFormerUntil: grant.keepFormerUntil,
    },
  ]);
  return true;
}

/** A denial leaves the customer where it is; the requester is told (without the customer it may not see). */
export async function tellRequesterDenied(
  w: Work,
  denial: { requestId: string; requesterId: string; decisionId: string; note: string | null },
) {
  await notify(w.tx, [
    {
      userId: denial.requesterId,
      kind: 'access_request.denied',
      params: { requestId: denial.requestId, decisionId: denial.decisionId, note: denial.note ?? '' },
      accountId: null,
    },
  ]);
}
