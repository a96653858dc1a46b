import { AppError } from '../../errors.js';
import { type JobHandler, type Work } from '../../kernel/index.js';
import { engineSet } from './assign.js';
import * as repo from './assignment.repo.js';
import { rotatingKeys, simulatePage, startSimulation, type Move } from './what-if.js';

/**
 * Publishing a rule set with "apply to existing accounts": a job goes through the active accounts that
 * existed when it was published, oldest first, a batch per unit of work, and moves each one the set's
 * what-if would move — on the facts and loads of the moment, with the live cursors, which move as they
 * would for new customers. Locked and partner-held accounts stay; each is reported with its reason. The
 * ownership module records each move (`MoveAccounts`: a decision, an audit entry and notices per account).
 * Where the pass stands is stored with each batch, so a node that dies leaves a place to resume from.
 */

/** Records moves inside the batch's unit of work, the accounts locked; returns each move's decision id. */
export type MoveAccounts = (
  w: Work,
  moves: readonly Move[],
  ruleSet: { id: string; version: number },
) => Promise<Map<string, string>>;

const BATCH = 500;
export const APPLY_JOB = 'assignment.apply';

/** One batch; false when the pass is over (or cannot go on). */
export async function applyBatch(w: Work, applyId: string, moveAccounts: MoveAccounts): Promise<boolean> {
  const apply = await repo.findApply(w.tx, applyId, true);
  if (!apply || apply.status === 'done' || apply.status === 'failed') return false;
  const row = await repo.findRuleSet(w.tx, apply.rule_set_id);
  // A newer set went live meanwhile: its own what-if decides now, not this one's.
  if (row?.status !== 'published')
    throw new AppError('RULE_SET_NOT_LIVE', 'The rule set is no longer the live one', {
      ruleSetId: apply.rule_set_id,
      status: row?.status ?? null,
    });
  const set = engineSet(row);
  if (apply.status === 'queued')
    await repo.updateApply(w.tx, applyId, {
      status: 'running',
      total: await repo.countAccounts(w.tx, apply.accounts_before),
    });
  const after =
    apply.after_id && apply.after_created_at
      ? { createdAt: apply.after_created_at, id: apply.after_id }
      : null;
  const page = await repo.accountsWithHolders(w.tx, {
    after,
    createdBy: apply.accounts_before,
    limit: BATCH,
  });
  if (page.length === 0) {
    await repo.updateApply(w.tx, applyId, { status: 'done', finished_at: new Date().toISOString() });
    w.audit({
      action: 'assignment.rule_set_applied',
      entityType: 'assignment_rule_set',
      entityId: set.id,
      after: { applyId, decided: apply.decided, moved: apply.moved, skipped: apply.skipped },
    });
    return false;
  }
  const ids = page.map((a) => a.id);
  await repo.lockAccountRows(w.tx, ids);
  // Read again under the locks: what the page said may have moved since.
  const locked = new Map((await repo.accountsWithHolders(w.tx, { ids })).map((a) => [a.id, a]));
  const accounts = page.flatMap((a) => locked.get(a.id) ?? []);
  const cursors = await repo.lockCursors(w.tx, rotatingKeys(set));
  const sim = await startSimulation(w.tx, set, { cursors, held: await repo.heldCounts(w.tx) });
  const { moves, skipped } = await simulatePage(w.tx, sim, accounts);
  const decisions = await moveAccounts(w, moves, { id: set.id, version: set.version });
  for (const [key, cursor] of sim.cursors) {
    const before = cursors.get(key);
    if (before?.position !== cursor.position || before.lastUserId !== cursor.lastUserId)
      await repo.saveCursor(w.tx, key, cursor);
  }
  await repo.insertApplyItems(w.tx, [
    ...moves.map((m) => ({
      apply_id: applyId,
      account_id: m.accountId,
      outcome: 'moved' as const,
      reason: null,
      decision_id: decisions.get(m.accountId) ?? null,
    })),
    ...skipped.map((s) => ({
      apply_id: applyId,
      account_id: s.move.accountId,
      outcome: 'skipped' as const,
      reason: s.reason,
      decision_id: null,
    })),
  ]);
  const last = page[page.length - 1]!;
  await repo.updateApply(w.tx, applyId, {
    after_created_at: last.created_at,
    after_id: last.id,
    decided: apply.decided + accounts.length,
    moved: apply.moved + moves.length,
    skipped: apply.skipped + skipped.length,
  });
  return true;
}

export function applyJob(moveAccounts: MoveAccounts): JobHandler {
  return {
    kind: APPLY_JOB,
    leaseSeconds: 300,
    async run(job) {
      const applyId = (job.job.payload as { applyId: string }).applyId;
      const more = await job.work((w) => applyBatch(w, applyId, moveAccounts));
      const state = await repo.findApply(job.db, applyId);
      await job.progress(
        { phase: 'apply', done: state?.decided ?? 0, total: state?.total ?? null },
        { force: true },
      );
      return more ? 'again' : 'done';
    },
    async failed(w, job, error) {
      const applyId = (job.payload as { applyId: string }).applyId;
      const apply = await repo.findApply(w.tx, applyId, true);
      if (!apply) return;
      await repo.updateApply(w.tx, applyId, {
        status: 'failed',
        error: error.code,
        finished_at: new Date().toISOString(),
      });
      w.audit({
        action: 'assignment.rule_set_apply_failed',
        entityType: 'assignment_rule_set',
        entityId: apply.rule_set_id,
        after: { applyId, code: error.code, decided: apply.decided, moved: apply.moved },
      });
    },
  };
}
