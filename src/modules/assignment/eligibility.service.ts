import type { Db, Executor } from '../../db/database.js';
import { fieldError, notFound } from '../../errors.js';
import { runWork, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import * as repo from './assignment.repo.js';
import type { AbsenceInput, EligibilityView } from './assignment.schema.js';

/**
 * What assignment rules need to know about a person besides their status: when they are away (ranges of
 * organisation-local dates, inclusive) and how many open accounts they may hold. Anyone who sees the user
 * and may manage absences (admins, sales ops, the user's managers up the team tree) records absences;
 * capacity is sales ops' (a separate permission on its route).
 */

async function visibleUserOr404(db: Executor, actor: Actor, userId: string) {
  const user = await repo.visibleUser(db, actor, userId);
  if (!user) throw notFound('user', userId);
  return user;
}

async function eligibility(db: Executor, userId: string): Promise<EligibilityView> {
  const [absences, caps, held] = await Promise.all([
    repo.listAbsences(db, userId),
    repo.capacities(db, [userId]),
    repo.heldCounts(db, [userId]),
  ]);
  return {
    userId,
    maxAccounts: caps.get(userId) ?? null,
    held: held.get(userId) ?? 0,
    absences: absences.map(absenceView),
  };
}

const absenceView = (a: repo.AbsenceRow) => ({
  id: a.id,
  userId: a.user_id,
  from: a.starts_on,
  to: a.ends_on,
  note: a.note,
  createdAt: a.created_at,
});

export async function getEligibility(db: Db, ctx: RequestContext, userId: string) {
  await visibleUserOr404(db, ctx.actor, userId);
  return eligibility(db, userId);
}

function audited(w: Work, action: string, userId: string, change: { before?: unknown; after?: unknown }) {
  w.audit({ action, entityType: 'user', entityId: userId, ...change });
}

export async function addAbsence(db: Db, ctx: RequestContext, userId: string, input: AbsenceInput) {
  return runWork(db, ctx, async (w) => {
    await visibleUserOr404(w.tx, w.actor, userId);
    // After the visibility check: a caller learns nothing about a user it may not see.
    if (input.to < input.from)
      throw fieldError('VALIDATION_FAILED', 'to: must not be before from', {
        field: 'to',
        problem: 'before_from',
        message: 'must not be before the first day',
      });
    const row = await repo.insertAbsence(w.tx, {
      user_id: userId,
      starts_on: input.from,
      ends_on: input.to,
      note: input.note || null,
      created_by: w.actor.id,
    });
    audited(w, 'assignment.absence_added', userId, {
      after: { from: row.starts_on, to: row.ends_on, note: row.note },
    });
    return absenceView(row);
  });
}

export async function removeAbsence(db: Db, ctx: RequestContext, userId: string, absenceId: string) {
  await runWork(db, ctx, async (w) => {
    await visibleUserOr404(w.tx, w.actor, userId);
    const row = await repo.deleteAbsence(w.tx, userId, absenceId);
    if (!row) throw notFound('absence', absenceId);
    audited(w, 'assignment.absence_removed', userId, { before: { from: row.starts_on, to: row.ends_on } });
  });
}

export async function setCapacity(db: Db, ctx: RequestContext, userId: string, maxAccounts: number | null) {
  return runWork(db, ctx, async (w) => {
    await visibleUserOr404(w.tx, w.actor, userId);
    const before = (await repo.capacities(w.tx, [userId])).get(userId) ?? null;
    await repo.upsertCapacity(w.tx, userId, maxAccounts, w.actor.id);
    audited(w, 'assignment.capacity_set', userId, {
      before: { maxAccounts: before },
      after: { maxAccounts },
    });
    return eligibility(w.tx, userId);
  });
}
