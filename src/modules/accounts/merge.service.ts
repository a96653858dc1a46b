import type { Db, Tx } from '../../db/database.js';
import { AppError, fieldError, notFound } from '../../errors.js';
import type { RequestContext } from '../access/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './accounts.repo.js';
import { saveAccount, toAccount } from './accounts.service.js';
import { applyMerge, planMerge, revertMerge, type MergeDelta } from './merge.js';

interface Moved {
  contacts: string[];
  children: string[];
}

async function lockVisiblePair(tx: Tx, ctx: RequestContext, ids: [string, string]) {
  const rows: Record<string, repo.AccountRow> = {};
  for (const id of [...ids].sort()) {
    if (!(await repo.findVisibleAccount(tx, ctx.actor, id))) throw notFound('account', id);
    const row = await repo.findAccount(tx, id, true);
    if (!row) throw notFound('account', id);
    rows[id] = row;
  }
  return [rows[ids[0]]!, rows[ids[1]]!] as const;
}

/** Folds `mergedId` into `survivorId`: values kept, contacts and references moved, reversible. */
export async function mergeAccounts(
  db: Db,
  ctx: RequestContext,
  survivorId: string,
  mergedId: string,
  reason: string,
) {
  if (survivorId === mergedId) {
    throw fieldError('UNPROCESSABLE', 'An account cannot be merged into itself', {
      field: 'mergedId',
      problem: 'self',
      message: 'is the account itself',
    });
  }
  return db.transaction().execute(async (tx) => {
    const [survivorRow, mergedRow] = await lockVisiblePair(tx, ctx, [survivorId, mergedId]);
    for (const row of [survivorRow, mergedRow]) {
      if (row.status !== 'active') {
        throw new AppError('CONFLICT', `Account ${row.id} is ${row.status}; only active accounts merge`, {
          id: row.id,
        });
      }
    }
    const survivor = toAccount(survivorRow);
    const merged = toAccount(mergedRow);
    const delta = planMerge(survivor, merged);
    const moved: Moved = {
      contacts: await repo.moveContacts(tx, mergedId, survivorId),
      children: await repo.moveChildren(tx, mergedId, survivorId),
    };
    // Retire the merged account first: its valid USCC may pass to the survivor (one active per USCC).
    const mergedAfter = await saveAccount(tx, merged, { status: 'merged', merged_into: survivorId });
    const survivorAfter = await saveAccount(tx, applyMerge(survivor, delta));
    const record = await repo.insertMerge(tx, {
      survivor_id: survivorId,
      merged_id: mergedId,
      reason,
      added: JSON.stringify(delta),
      moved: JSON.stringify(moved),
      merged_by: ctx.actor.id,
    });
    await recordAudit(tx, ctx, {
      action: 'account.merged',
      entityType: 'account',
      entityId: survivorId,
      before: { survivor, merged },
      after: { survivor: survivorAfter, merged: mergedAfter, mergeId: record.id, delta, moved },
      reason,
    });
    return { mergeId: record.id, survivor: survivorAfter, delta, moved };
  });
}

/** Takes a merge back: the merged account returns with its contacts and references; later edits stay. */
export async function unmergeAccounts(db: Db, ctx: RequestContext, mergeId: string, reason: string) {
  return db.transaction().execute(async (tx) => {
    const record = await repo.findLiveMerge(tx, mergeId);
    if (!record) throw notFound('merge', mergeId);
    const [survivorRow, mergedRow] = await lockVisiblePair(tx, ctx, [record.survivor_id, record.merged_id]);
    const delta = record.added as MergeDelta;
    const moved = record.moved as Moved;
    const survivorAfter = await saveAccount(tx, revertMerge(toAccount(survivorRow), delta));
    await repo.moveContacts(tx, record.survivor_id, record.merged_id, moved.contacts);
    await repo.moveChildren(tx, record.survivor_id, record.merged_id, moved.children);
    const mergedAfter = await saveAccount(tx, toAccount(mergedRow), { status: 'active', merged_into: null });
    await repo.closeMerge(tx, mergeId, ctx.actor.id);
    await recordAudit(tx, ctx, {
      action: 'account.unmerged',
      entityType: 'account',
      entityId: record.survivor_id,
      before: { survivor: toAccount(survivorRow), merged: toAccount(mergedRow) },
      after: { survivor: survivorAfter, merged: mergedAfter, mergeId },
      reason,
    });
    return { survivor: survivorAfter, restored: mergedAfter };
  });
}

export async function listAccountMerges(db: Db, ctx: RequestContext, accountId: string) {
  if (!(await repo.findVisibleAccount(db, ctx.actor, accountId))) throw notFound('account', accountId);
  const rows = await repo.listMerges(db, accountId);
  return rows.map((r) => ({
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    reason: r.reason,
    delta: r.added as MergeDelta,
    mergedAt: r.merged_at,
    unmergedAt: r.unmerged_at,
  }));
}
