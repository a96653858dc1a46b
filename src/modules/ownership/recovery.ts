import type { Executor } from '../../db/database.js';
import { evidence, type JobContext, type JobHandler, type Work } from '../../kernel/index.js';
import { daysBetween, deadlineEvidence, localDate, type Deadline } from './deadline.js';
import { lockCursorsFor } from '../assignment/index.js';
import { applyMoves } from './ledger.js';
import * as ledger from './ledger.repo.js';
import { notify, type Notice, type NotificationKind } from './notifications.js';
import { computeDeadlines, loadRecoveryContext } from './protection.js';
import * as repo from './recovery.repo.js';
import { releaseByRule } from './ownership.service.js';

/**
 * The recovery sweep: protected customers whose deadline has passed go back to the pool their rule names,
 * each with its own decision (the rule, what the count started from, the date) and audit entry. Reads never
 * wait for it — a claim past its deadline reads as expired — so it can run in batches, as often as wanted.
 */

const BATCH = 2000;
/**
 * Sweepers the job runs side by side, each its own unit of work on its own batch (dueClaims skips what
 * another holds): the writes of a release are the database's work, and two batches keep two cores busy.
 */
const SWEEPERS = 2;

/** Releases up to `limit` overdue customers in one unit of work; returns how many it released. */
export async function recoverDue(w: Work, now: Date, limit = BATCH): Promise<number> {
  const due = await repo.dueClaims(w.tx, now.toISOString(), limit);
  if (due.length === 0) return 0;
  const [held, ctx] = await Promise.all([
    repo.heldClaims(
      w.tx,
      due.map((d) => d.account_id),
    ),
    loadRecoveryContext(w.tx),
  ]);
  const protectedNow = held
    .filter((c) => c.kind === 'protected' && c.holder === 'user')
    .map((c) => ({
      claimId: c.id,
      accountId: c.account_id,
      userId: c.user_id!,
      startedAt: c.started_at,
      regionCode: c.region_code,
      grade: c.grade,
      wonAt: c.won_at,
    }));
  // Facts may have moved since the deadline was stored (a follow-up an instant ago): decide on today's.
  const outcomes = await computeDeadlines(w.tx, ctx, protectedNow);
  // Rules that route released customers: every cursor they may turn, locked now in key order.
  const byRules = await lockCursorsFor(w, 'release');
  const moves = [];
  const notices: Notice[] = [];
  const stillProtected = [];
  for (const c of protectedNow) {
    const d = outcomes.get(c.claimId)?.deadline;
    if (!d || Date.parse(d.endsAt) > now.getTime()) {
      stillProtected.push({
        claimId: c.claimId,
        endsAt: d?.endsAt ?? null,
        rule: d ? JSON.stringify(d) : null,
      });
      continue;
    }
    const pool = ctx.pools.get(d.rule.poolId);
    const routed =
      byRules &&
      (await releaseByRule(
        w,
        { id: c.accountId, owner_id: c.userId },
        {
          requested: deadlineEvidence(d),
          verdict: 'recovered',
          endReason: 'recovered',
          audit: { action: 'ownership.recovered', reason: null },
          effective: { from: d.endsAt },
        },
      ));
    if (routed) {
      // Named apart from the decision below: `kind:` beside a decision's verdict reads as the decision's kind.
      const reassignedAway: NotificationKind = 'ownership.reassigned_away';
      notices.push({
        userId: c.userId,
        kind: reassignedAway,
        params: { returnsOn: d.returnsOn, decisionId: routed.decisionId },
        accountId: c.accountId,
      });
      continue;
    }
    const decisionId = w.decide({
      kind: 'ownership.release',
      subject: { type: 'account', id: c.accountId },
      verdict: 'recovered',
      rule: {
        id: d.rule.id,
        version: d.rule.version,
        params: { trigger: d.rule.trigger, days: d.rule.days },
      },
      evidence: [
        deadlineEvidence(d),
        evidence('recovery.to_pool', { poolId: d.rule.poolId, poolName: pool?.name ?? null }),
      ],
      notApplied: [],
      effective: { from: d.endsAt },
    });
    moves.push({
      accountId: c.accountId,
      to: { type: 'pool' as const, poolId: d.rule.poolId },
      via: 'recovery' as const,
      decisionId,
      endReason: 'recovered',
    });
    w.audit({
      action: 'ownership.recovered',
      entityType: 'account',
      entityId: c.accountId,
      before: { ownerId: c.userId, endsAt: d.endsAt },
      after: { poolId: d.rule.poolId },
      decisionId,
    });
    w.emit('ownership.changed', {
      accountId: c.accountId,
      fromUserId: c.userId,
      toUserId: null,
      poolId: d.rule.poolId,
      via: 'recovery',
      decisionId,
    });
    notices.push({
      userId: c.userId,
      kind: 'ownership.recovered',
      params: { poolId: d.rule.poolId, poolName: pool?.name ?? '', returnsOn: d.returnsOn, decisionId },
      accountId: c.accountId,
    });
  }
  await ledger.setDeadlines(w.tx, stillProtected);
  await applyMoves(w, moves, {
    at: now.toISOString(),
    recovery: ctx,
    current: new Map(held.map((c) => [c.account_id, c] as const)),
  });
  await notify(w.tx, notices);
  return due.length;
}

/**
 * Reminders before a deadline: at each of the rule's `remind_days` the holder is told (once per step), and
 * from `escalate_days` on the holder's manager too.
 */
export async function remindDue(w: Work, now: Date): Promise<number> {
  const ctx = await loadRecoveryContext(w.tx);
  const horizon = Math.max(0, ...ctx.rules.map((r) => Math.max(0, ...r.remindDays)));
  if (horizon === 0) return 0;
  const claims = await repo.claimsEndingBefore(
    w.tx,
    now.toISOString(),
    new Date(now.getTime() + (horizon + 1) * 86_400_000).toISOString(),
  );
  const today = localDate(now, ctx.timeZone);
  const notices: Notice[] = [];
  const updates: { claimId: string; days: number[] }[] = [];
  for (const c of claims) {
    const d = c.ends_rule as Deadline | null;
    const rule = d && ctx.rules.find((r) => r.id === d.rule.id);
    if (!d || !rule) continue;
    const left = daysBetween(today, d.returnsOn);
    const due = rule.remindDays.filter((k) => left <= k && !c.reminded_days.includes(k));
    if (due.length === 0) continue;
    const escalated = rule.escalateDays !== null && left <= rule.escalateDays;
    const params = { returnsOn: d.returnsOn, daysLeft: left, poolId: d.rule.poolId, ruleName: d.rule.name };
    notices.push({ userId: c.user_id, kind: 'ownership.reminder', params, accountId: c.account_id });
    if (escalated && c.manager_id)
      notices.push({
        userId: c.manager_id,
        kind: 'ownership.reminder_escalated',
        params: { ...params, ownerId: c.user_id },
        accountId: c.account_id,
      });
    w.emit('ownership.reminder', {
      accountId: c.account_id,
      userId: c.user_id,
      returnsOn: d.returnsOn,
      escalated,
    });
    updates.push({ claimId: c.id, days: [...c.reminded_days, ...due] });
  }
  await notify(w.tx, notices);
  await repo.markReminded(w.tx, updates);
  return updates.length;
}

/** One part of the sweep: `SWEEPERS` batches side by side, each its own unit of work; true while more may be due. */
export async function recoverPart(work: JobContext['work'], now: Date): Promise<boolean> {
  const due = await Promise.all(Array.from({ length: SWEEPERS }, () => work((w) => recoverDue(w, now))));
  return due.some((n) => n >= BATCH);
}

export const recoveryJob: JobHandler = {
  kind: 'ownership.recover',
  lane: 'system',
  leaseSeconds: 600,
  run: async (job) => {
    const now = new Date();
    if ((await recoverPart((body) => job.work(body), now)) && !job.signal.aborted) return 'again';
    await job.work((w) => remindDue(w, now));
    return 'done';
  },
};

export async function overdueCount(db: Executor, now: Date) {
  return repo.overdueCount(db, now.toISOString());
}
