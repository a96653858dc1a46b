import type { Db } from '../../db/database.js';
import { fieldError, notFound } from '../../errors.js';
import { enqueueJob, runWork, type JobHandler, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as ledger from './ledger.repo.js';
import type { RecoveryRuleInput, RecoveryRulePatch, RecoveryRuleView } from './ownership.schema.js';
import * as repo from './rules.repo.js';
import { loadRecoveryContext, storeDeadlines } from './protection.js';

/**
 * Recovery rules: versioned (every change bumps the version the decisions cite). A change queues a job that
 * re-dates every protected claim (`ownership.redate`), so saving returns at once; its progress is read at
 * `GET /recovery-rules/redating`. Until it reaches a claim, the claim shows the deadline the rules gave
 * before; the sweep decides each release on the rules as they stand, so none is released by a rule that no
 * longer says so.
 */

function toView(r: ledger.RecoveryRuleRow, poolNames: ReadonlyMap<string, string>): RecoveryRuleView {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    position: r.position,
    scope: r.scope,
    poolId: r.pool_id,
    poolName: poolNames.get(r.pool_id) ?? null,
    trigger: r.trigger,
    days: r.days,
    grade: r.grade,
    followUpKinds: r.follow_up_kinds as RecoveryRuleView['followUpKinds'],
    minSpacingHours: r.min_spacing_hours,
    remindDays: r.remind_days,
    escalateDays: r.escalate_days,
    exemptWon: r.exempt_won,
    exemptOpenOpportunity: r.exempt_open_opportunity,
    active: r.active,
  };
}

function columns(input: RecoveryRulePatch) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.position !== undefined && { position: input.position }),
    ...(input.scope !== undefined && { scope: input.scope }),
    ...(input.poolId !== undefined && { pool_id: input.poolId }),
    ...(input.trigger !== undefined && { trigger: input.trigger }),
    ...(input.days !== undefined && { days: input.days }),
    ...(input.grade !== undefined && { grade: input.grade }),
    ...(input.followUpKinds !== undefined && { follow_up_kinds: input.followUpKinds }),
    ...(input.minSpacingHours !== undefined && { min_spacing_hours: input.minSpacingHours }),
    ...(input.remindDays !== undefined && { remind_days: input.remindDays }),
    ...(input.escalateDays !== undefined && { escalate_days: input.escalateDays }),
    ...(input.exemptWon !== undefined && { exempt_won: input.exemptWon }),
    ...(input.exemptOpenOpportunity !== undefined && {
      exempt_open_opportunity: input.exemptOpenOpportunity,
    }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

async function poolNames(db: Db | Parameters<typeof ledger.activePools>[0]) {
  return new Map((await ledger.activePools(db)).map((p) => [p.id, p.name]));
}

export async function listRecoveryRules(db: Db) {
  const [rules, names] = await Promise.all([repo.listRules(db), poolNames(db)]);
  return rules.map((r) => toView(r, names));
}

export async function createRecoveryRule(db: Db, ctx: RequestContext, input: RecoveryRuleInput) {
  return runWork(db, ctx, async (w) => {
    const names = await poolNames(w.tx);
    if (!names.has(input.poolId))
      throw fieldError('VALIDATION_FAILED', 'poolId: no such pool', {
        field: 'poolId',
        problem: 'unknown',
        message: 'is no such pool',
      });
    const row = await repo.insertRule(w.tx, {
      name: input.name,
      position: input.position,
      pool_id: input.poolId,
      trigger: input.trigger,
      days: input.days,
      ...columns(input),
    });
    w.audit({
      action: 'recovery_rule.created',
      entityType: 'recovery_rule',
      entityId: row.id,
      after: toView(row, names),
    });
    const job = await enqueueJob(w, REDATE_JOB, {});
    return { ...toView(row, names), redateJobId: job.id };
  });
}

export async function updateRecoveryRule(db: Db, ctx: RequestContext, id: string, patch: RecoveryRulePatch) {
  return runWork(db, ctx, async (w) => {
    const names = await poolNames(w.tx);
    const before = await repo.findRule(w.tx, id);
    if (!before) throw notFound('recovery_rule', id);
    if (patch.poolId !== undefined && !names.has(patch.poolId))
      throw fieldError('VALIDATION_FAILED', 'poolId: no such pool', {
        field: 'poolId',
        problem: 'unknown',
        message: 'is no such pool',
      });
    const row = await repo.updateRule(w.tx, id, columns(patch));
    w.audit({
      action: 'recovery_rule.updated',
      entityType: 'recovery_rule',
      entityId: id,
      before: toView(before, names),
      after: toView(row, names),
    });
    const job = await enqueueJob(w, REDATE_JOB, {});
    return { ...toView(row, names), redateJobId: job.id };
  });
}

const REDATE_JOB = 'ownership.redate';
const REDATE_BATCH = 2000;
const FIRST = '00000000-0000-0000-0000-000000000000';

/**
 * Re-dates the protected claims after claim `after` (a batch, in claim id order) under the rules as they
 * stand, their accounts locked as the sweep locks them, so a follow-up logged meanwhile is either seen or
 * waits; returns the last claim done, or null at the end.
 */
export async function redateBatch(w: Work, after: string, limit = REDATE_BATCH) {
  const { accountIds, last } = await repo.protectedAccountsAfter(w.tx, after, limit);
  if (!last) return { last: null, count: 0 };
  await ledger.lockAccounts(w.tx, accountIds);
  const ctx = await loadRecoveryContext(w.tx);
  const claims = await ledger.protectedClaimsOf(w.tx, accountIds);
  await storeDeadlines(w.tx, ctx, claims);
  return { last, count: accountIds.length };
}

export const redateJob: JobHandler = {
  kind: REDATE_JOB,
  leaseSeconds: 600,
  async run(job) {
    const total = await repo.protectedCount(job.db);
    let done = 0;
    await job.progress({ phase: 'redate', done, total }, { force: true });
    // Idempotent: a run cut short starts again from the first claim.
    for (let after = FIRST; ;) {
      if (job.signal.aborted) return 'again';
      const { last, count } = await job.work((w) => redateBatch(w, after));
      if (!last) break;
      after = last;
      done += count;
      await job.progress({ phase: 'redate', done, total });
    }
    await job.progress({ phase: 'redate', done, total }, { force: true });
    return 'done';
  },
};

export async function redateStatus(db: Db) {
  const job = await repo.latestRedate(db);
  return job
    ? {
        jobId: job.id,
        status: job.status,
        done: job.done,
        total: job.total,
        createdAt: job.created_at,
        finishedAt: job.finished_at,
        error: job.last_error,
      }
    : null;
}
