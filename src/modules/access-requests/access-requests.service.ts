import type { Db, Executor } from '../../db/database.js';
import { AppError, fieldError, forbidden, isUniqueViolation, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { evidence, runWork, visibleIds } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { accessRefKey, openAccessRef } from '../accounts/index.js';
import { grantToRequester, lockForGrant, tellRequesterDenied } from '../ownership/index.js';
import * as repo from './access-requests.repo.js';
import type {
  AccessRequestView,
  CreateAccessRequestInput,
  DecideAccessRequestInput,
  ListAccessRequestsQuery,
} from './access-requests.schema.js';

/**
 * A user who may not see a customer it tried to enter asks for access, or says the customer is theirs; the
 * owner's manager (or sales ops, or an admin) decides, with a reason. A grant — of a request for access, or
 * of a conflict flag ("this customer is mine") — hands the customer to the requester in the deciding unit of
 * work (the ownership ledger's claim names the decision, via `request`); a denial leaves it where it is.
 * Either way the decision, audit entry and `access_request.decided` event are written and the requester is
 * told; on a grant the former owner is told too.
 */

const RULE = { id: 'access_request.manual', version: 1, params: {} };

/** Requests as this caller may read them: the customer and names only where the caller may see them. */
async function views(db: Executor, actor: Actor, rows: readonly repo.AccessRequestRow[]) {
  const accountIds = [...new Set(rows.map((r) => r.account_id))];
  const seenAccounts = await visibleIds(db, 'account', actor, accountIds);
  const accounts = await repo.accountNames(db, [...seenAccounts]);
  const owners = [...accounts.values()].flatMap((a) => (a.ownerId ? [a.ownerId] : []));
  const deciders = rows.flatMap((r) => (r.decided_by ? [r.decided_by] : []));
  const seenUsers = await visibleIds(db, 'user', actor, [...owners, ...deciders]);
  // The requester is named to everyone who may see the request: it is addressed to them.
  const names = await repo.userNames(db, [...new Set([...rows.map((r) => r.requester_id), ...seenUsers])]);
  const person = (id: string | null, shown: boolean) =>
    id && shown ? { id, displayName: names.get(id) ?? '' } : null;
  return rows.map((r): AccessRequestView => {
    const account = accounts.get(r.account_id);
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      customerName: r.customer_name,
      note: r.note,
      requester: { id: r.requester_id, displayName: names.get(r.requester_id) ?? '' },
      mine: r.requester_id === actor.id,
      account: account
        ? {
            id: r.account_id,
            legalName: account.legalName,
            owner: person(account.ownerId, !!account.ownerId && seenUsers.has(account.ownerId)),
          }
        : null,
      decidedBy: person(r.decided_by, !!r.decided_by && seenUsers.has(r.decided_by)),
      decidedAt: r.decided_at,
      decisionNote: r.decision_note,
      decisionId: r.decision_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

const badRef = () =>
  fieldError('VALIDATION_FAILED', 'accountRef: not a reference the duplicate check gave you, or expired', {
    field: 'accountRef',
    problem: 'invalid',
    message: 'is not a reference the duplicate check gave you, or it expired: check again',
  });

const alreadyOpen = (requestId?: string) =>
  new AppError('ACCESS_REQUEST_OPEN', 'You already have an open request for this customer', {
    ...(requestId && { accessRequestId: requestId }),
  });

export async function createAccessRequest(
  db: Db,
  ctx: RequestContext,
  input: CreateAccessRequestInput,
): Promise<AccessRequestView> {
  const requesterId = ctx.actor.id;
  if (!requesterId) throw forbidden('Only a person can ask for access');
  // Every bad reference gets one answer: it is all a caller may learn by sending one.
  const accountId = openAccessRef(await accessRefKey(db), input.accountRef, requesterId);
  if (!accountId) throw badRef();
  try {
    return await runWork(db, ctx, async (w) => {
      if ((await repo.accountStatus(w.tx, accountId)) !== 'active') throw badRef();
      const open = await repo.findOpenRequest(w.tx, requesterId, accountId);
      if (open) throw alreadyOpen(open.id);
      const row = await repo.insertAccessRequest(w.tx, {
        account_id: accountId,
        requester_id: requesterId,
        kind: input.kind,
        customer_name: input.customerName,
        note: input.note || null,
      });
      w.audit({
        action: 'access_request.created',
        entityType: 'access_request',
        entityId: row.id,
        after: { accountId, kind: row.kind, customerName: row.customer_name, note: row.note },
      });
      w.emit('access_request.created', { requestId: row.id, accountId, requesterId, kind: row.kind });
      const [view] = await views(w.tx, w.actor, [row]);
      return view!;
    });
  } catch (error) {
    // Two requests racing past the check: the partial unique index lets one in.
    if (!isUniqueViolation(error)) throw error;
    throw alreadyOpen((await repo.findOpenRequest(db, requesterId, accountId))?.id);
  }
}

export async function listAccessRequests(
  db: Db,
  ctx: RequestContext,
  filter: Pick<ListAccessRequestsQuery, 'status' | 'mine'>,
  page: Page,
) {
  const { items, total } = await repo.listVisibleRequests(db, ctx.actor, filter, page);
  return { items: await views(db, ctx.actor, items), total, limit: page.limit, offset: page.offset };
}

const closed = (status: string) =>
  new AppError('ACCESS_REQUEST_CLOSED', `The request is already ${status}`, { status });

export async function decideAccessRequest(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: DecideAccessRequestInput,
): Promise<{ request: AccessRequestView; ownershipChanged: boolean }> {
  return runWork(db, ctx, async (w) => {
    const found = await repo.findVisibleRequest(w.tx, w.actor, id);
    if (!found) throw notFound('access_request', id);
    const grant = input.decision === 'grant';
    // The customer's lock before the request's: two grants of competing requests queue on the customer.
    const basis =
      grant && found.status === 'open'
        ? await lockForGrant(w, {
            id,
            accountId: found.account_id,
            requesterId: found.requester_id,
            createdAt: found.created_at,
          })
        : null;
    const current = await repo.lockVisibleRequest(w.tx, w.actor, id);
    if (!current) throw notFound('access_request', id);
    if (current.status !== 'open') throw closed(current.status);
    if (current.requester_id === w.actor.id)
      throw forbidden('You cannot decide your own request', { reason: 'own_request' });
    if (!grant && input.keepFormerUntil)
      throw fieldError('VALIDATION_FAILED', 'keepFormerUntil: only with a grant', {
        field: 'keepFormerUntil',
        problem: 'not_granted',
        message: 'keeps the former owner on the team only when the customer moves: grant, or leave it out',
      });
    const status = grant ? 'granted' : 'denied';
    const note = input.note || null;
    const moves = basis !== null && basis.unchanged === null;
    const decisionId = w.decide({
      kind: 'access_request',
      subject: { type: 'access_request', id },
      verdict: status,
      rule: RULE,
      evidence: [
        evidence('access.requested', {
          kind: current.kind,
          requestId: id,
          requesterId: current.requester_id,
        }),
        evidence('access.decided', { decision: input.decision, by: w.actor.id, reason: note }),
        moves
          ? evidence('access.ownership_moved', {
              requestId: id,
              fromUserId: basis.fromUserId,
              toUserId: current.requester_id,
              keepFormerUntil: input.keepFormerUntil ?? null,
            })
          : evidence('access.ownership_unchanged', { reason: basis?.unchanged ?? 'denied' }),
      ],
    });
    const row = await repo.updateRequest(w.tx, id, {
      status,
      decided_by: w.actor.id ?? undefined,
      decided_at: new Date().toISOString(),
      decision_note: note,
      decision_id: decisionId,
    });
    w.audit({
      action: 'access_request.decided',
      entityType: 'access_request',
      entityId: id,
      before: { status: current.status },
      after: { status, accountId: row.account_id, requesterId: row.requester_id, ownershipChanged: moves },
      reason: note,
      decisionId,
    });
    w.emit('access_request.decided', {
      requestId: id,
      accountId: row.account_id,
      requesterId: row.requester_id,
      decision: status,
      ownershipChanged: moves,
      decisionId,
    });
    if (basis)
      await grantToRequester(w, basis, {
        requestId: id,
        decisionId,
        note,
        keepFormerUntil: input.keepFormerUntil,
      });
    else await tellRequesterDenied(w, { requestId: id, requesterId: row.requester_id, decisionId, note });
    const [view] = await views(w.tx, w.actor, [row]);
    return { request: view!, ownershipChanged: moves };
  });
}

export async function withdrawAccessRequest(
  db: Db,
  ctx: RequestContext,
  id: string,
): Promise<AccessRequestView> {
  return runWork(db, ctx, async (w) => {
    const current = await repo.lockVisibleRequest(w.tx, w.actor, id);
    if (!current) throw notFound('access_request', id);
    if (current.requester_id !== w.actor.id)
      throw forbidden('Only the requester can withdraw a request', { reason: 'not_requester' });
    if (current.status !== 'open') throw closed(current.status);
    const row = await repo.updateRequest(w.tx, id, { status: 'withdrawn' });
    w.audit({
      action: 'access_request.withdrawn',
      entityType: 'access_request',
      entityId: id,
      before: { status: current.status },
      after: { status: row.status },
    });
    w.emit('access_request.withdrawn', {
      requestId: id,
      accountId: row.account_id,
      requesterId: row.requester_id,
    });
    const [view] = await views(w.tx, w.actor, [row]);
    return view!;
  });
}
