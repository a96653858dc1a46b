import type { Db, Executor } from '../../db/database.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { assertEditable, runWork, visibleIds } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { refreshProtection } from '../ownership/index.js';
import * as repo from './follow-ups.repo.js';
import type { CreateFollowUpInput, FollowUpView } from './follow-ups.schema.js';
import { userNames } from './names.repo.js';

/**
 * Follow-ups: the activity log on a customer's timeline, which recovery and protection read. Anyone who sees
 * the customer may log one, except a former owner kept on its account team read-only; one logged by someone other than the owner is recorded as such (`by_owner`) and
 * announced as overlap (`follow_up.overlap`): another party is working the owner's customer.
 */

async function views(db: Executor, actor: Actor, rows: readonly repo.FollowUpRow[]) {
  const seen = await visibleIds(
    db,
    'user',
    actor,
    rows.map((r) => r.user_id),
  );
  const names = await userNames(db, [...seen]);
  return rows.map((r): FollowUpView => ({
    id: r.id,
    accountId: r.account_id,
    kind: r.kind,
    at: r.at,
    note: r.note,
    nextStep: r.next_step ? { text: r.next_step, at: r.next_step_at?.slice(0, 10) ?? null } : null,
    location: (r.location as FollowUpView['location']) ?? null,
    byOwner: r.by_owner,
    author: seen.has(r.user_id) ? { id: r.user_id, displayName: names.get(r.user_id) ?? '' } : null,
    mine: r.user_id === actor.id,
    createdAt: r.created_at,
  }));
}

export async function logFollowUp(
  db: Db,
  ctx: RequestContext,
  accountId: string,
  input: CreateFollowUpInput,
): Promise<FollowUpView> {
  const userId = ctx.actor.id;
  if (!userId) throw new AppError('FORBIDDEN', 'Only a person logs a follow-up', { reason: 'not_a_person' });
  return runWork(db, ctx, async (w) => {
    const account = await repo.lockVisibleAccount(w.tx, w.actor, accountId);
    if (!account) throw notFound('account', accountId);
    // Collaborators log activity too, but a former owner kept read-only does not.
    await assertEditable(w.tx, 'follow_up', w.actor, accountId);
    if (account.status !== 'active')
      throw new AppError('ACCOUNT_NOT_ACTIVE', `The account is ${account.status}`, {
        status: account.status,
      });
    // Nothing happened with a customer before it was entered; a typo in the year is caught here.
    if (Date.parse(input.at) < Date.parse(account.created_at))
      throw fieldError('VALIDATION_FAILED', 'at: before the customer was entered', {
        field: 'at',
        problem: 'before_account_created',
        message: `is before the customer was entered (${account.created_at})`,
      });
    const byOwner = account.owner_id === userId;
    const row = await repo.insertFollowUp(w.tx, {
      account_id: accountId,
      user_id: userId,
      kind: input.kind,
      at: new Date(input.at).toISOString(),
      note: input.note,
      next_step: input.nextStep?.text ?? null,
      next_step_at: input.nextStep?.at ?? null,
      location: input.location ? JSON.stringify(input.location) : null,
      by_owner: byOwner,
    });
    w.audit({
      action: 'follow_up.logged',
      entityType: 'follow_up',
      entityId: row.id,
      after: { accountId, kind: row.kind, at: row.at, byOwner, nextStep: row.next_step },
    });
    w.emit('follow_up.logged', { followUpId: row.id, accountId, userId, byOwner });
    if (!byOwner)
      w.emit('follow_up.overlap', { followUpId: row.id, accountId, userId, ownerId: account.owner_id });
    await refreshProtection(w, [{ id: accountId, ownerId: account.owner_id }]);
    const [view] = await views(w.tx, w.actor, [row]);
    return view!;
  });
}

export async function listFollowUps(db: Db, ctx: RequestContext, accountId: string, page: Page) {
  if (!(await repo.findVisibleAccount(db, ctx.actor, accountId))) throw notFound('account', accountId);
  const { items, total, byOthers } = await repo.listFollowUps(db, ctx.actor, accountId, page);
  return {
    items: await views(db, ctx.actor, items),
    total,
    byOthers,
    limit: page.limit,
    offset: page.offset,
  };
}
