import type { Db, Executor } from '../../db/database.js';
import {
  AppError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { periodOf } from './calendar.js';
import * as plans from './plans.repo.js';
import * as repo from './payees.repo.js';
import type { AddPayeeInput, PayeeView } from './payees.schema.js';
import { shownTarget } from './targets.js';
import * as targets from './targets.repo.js';

/**
 * Who is on a plan, from when to when, and their sign-off: a payee acknowledges a published version it has
 * read (the user itself, or a partner admin for its partner), and every view says whether the latest
 * published version is the one acknowledged.
 */

/** The version a payee signed off, and when. */
const acknowledgement = (row: {
  acknowledged_version_id: string | null;
  acknowledged_version: number | null;
  acknowledged_at: string | null;
}) =>
  row.acknowledged_version_id && row.acknowledged_at
    ? { versionId: row.acknowledged_version_id, version: row.acknowledged_version!, at: row.acknowledged_at }
    : null;

function view(row: repo.PayeeRow, latest: string | undefined): PayeeView {
  return {
    id: row.id,
    planId: row.plan_id,
    payee: row.user_id
      ? { type: 'user', id: row.user_id, name: row.payee_name }
      : { type: 'partner', id: row.partner_id!, name: row.payee_name },
    startDate: row.start_date,
    endDate: row.end_date,
    acknowledged: acknowledgement(row),
    acknowledgedLatest: latest !== undefined && row.acknowledged_version_id === latest,
  };
}

async function viewOne(db: Executor, planId: string, payeeId: string) {
  const [row] = await repo.payeesOf(db, planId, null, payeeId);
  const [latest] = await repo.latestPublished(db, [planId]);
  return view(row!, latest?.id);
}

export async function listPayees(db: Db, ctx: RequestContext, planId: string) {
  if (!(await plans.visiblePlan(db, ctx.actor, planId))) throw notFound('commission_plan', planId);
  const [rows, [latest]] = await Promise.all([
    repo.payeesOf(db, planId, ctx.actor),
    repo.latestPublished(db, [planId]),
  ]);
  return { items: rows.map((r) => view(r, latest?.id)) };
}

export async function addPayee(db: Db, ctx: RequestContext, planId: string, input: AddPayeeInput) {
  const problems: FieldProblem[] = [];
  if (!!input.userId === !!input.partnerId)
    problems.push({ field: 'userId', problem: 'one_payee', message: 'give userId or partnerId' });
  if (input.endDate && input.endDate < input.startDate)
    problems.push({ field: 'endDate', problem: 'before_start', message: 'is before startDate' });
  if (problems.length) throw invalid(problems);
  const field = input.userId ? 'userId' : 'partnerId';
  try {
    return await runWork(db, ctx, async (w) => {
      if (!(await plans.visiblePlan(w.tx, w.actor, planId))) throw notFound('commission_plan', planId);
      const plan = (await plans.lockPlan(w.tx, planId))!;
      if ((plan.payee_type === 'user') !== (field === 'userId'))
        throw fieldError('VALIDATION_FAILED', `${field}: the plan pays ${plan.payee_type}s`, {
          field,
          problem: 'wrong_payee_type',
          message: `this plan pays ${plan.payee_type === 'user' ? 'internal users' : 'partners'}`,
        });
      if (!(await repo.payeeExists(w.tx, input)))
        throw fieldError('VALIDATION_FAILED', `${field}: unknown`, {
          field,
          problem: 'unknown',
          message: field === 'userId' ? 'is no internal user' : 'is no partner',
        });
      const row = await repo.insertPayee(w.tx, {
        plan_id: planId,
        user_id: input.userId ?? null,
        partner_id: input.partnerId ?? null,
        start_date: input.startDate,
        end_date: input.endDate ?? null,
      });
      w.audit({
        action: 'commission_payee.added',
        entityType: 'commission_plan',
        entityId: planId,
        after: { payeeId: row.id, ...input },
      });
      return viewOne(w.tx, planId, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw fieldError('PAYEE_EXISTS', 'Already a payee of this plan', {
        field,
        problem: 'taken',
        message: 'is already a payee of this plan',
      });
    throw error;
  }
}

export async function setPayeeEnd(
  db: Db,
  ctx: RequestContext,
  planId: string,
  payeeId: string,
  endDate: string | null,
) {
  return runWork(db, ctx, async (w) => {
    if (!(await plans.visiblePlan(w.tx, w.actor, planId))) throw notFound('commission_plan', planId);
    await plans.lockPlan(w.tx, planId);
    const payee = await repo.lockPayee(w.tx, payeeId);
    if (!payee || payee.plan_id !== planId) throw notFound('commission_payee', payeeId);
    if (endDate !== null && endDate < payee.start_date)
      throw fieldError('VALIDATION_FAILED', 'endDate: before the start', {
        field: 'endDate',
        problem: 'before_start',
        message: `is before the payee’s start (${payee.start_date})`,
      });
    await repo.setEndDate(w.tx, payeeId, endDate);
    w.audit({
      action: 'commission_payee.updated',
      entityType: 'commission_plan',
      entityId: planId,
      before: { payeeId, endDate: payee.end_date },
      after: { payeeId, endDate },
    });
    return viewOne(w.tx, planId, payeeId);
  });
}

/**
 * The payee signs off a published version of its plan: only the user paid, or a partner admin of the
 * partner paid. Whoever else sees the payee gets 403; whoever does not, 404.
 */
export async function acknowledgePlan(db: Db, ctx: RequestContext, payeeId: string, versionId: string) {
  return runWork(db, ctx, async (w) => {
    const seen = await repo.visiblePayee(w.tx, w.actor, payeeId);
    if (!seen) throw notFound('commission_payee', payeeId);
    const self = seen.user_id
      ? seen.user_id === w.actor.id
      : w.actor.role === 'partner_admin' && seen.partner_id === w.actor.partnerId;
    if (!self)
      throw new AppError(
        'FORBIDDEN',
        'Only the payee acknowledges its plan (a partner admin for its partner)',
        {
          reason: 'not_the_payee',
        },
      );
    const version = await plans.versionOfPlan(w.tx, seen.plan_id, versionId);
    if (!version || version.status !== 'published')
      throw fieldError('VALIDATION_FAILED', 'versionId: not a published version of the plan', {
        field: 'versionId',
        problem: version ? 'not_published' : 'unknown',
        message: version ? 'is not published' : 'is not a version of this plan',
      });
    await repo.acknowledge(w.tx, payeeId, versionId);
    w.audit({
      action: 'commission_payee.acknowledged',
      entityType: 'commission_plan',
      entityId: seen.plan_id,
      before: { payeeId, versionId: seen.acknowledged_version_id },
      after: { payeeId, versionId, version: version.version },
    });
    return viewOne(w.tx, seen.plan_id, payeeId);
  });
}

/**
 * The caller's own plans (as the user paid, or its partner's): the version in force today, the targets that
 * apply per period (each from the latest published version in force for it), and the sign-off state.
 */
export async function myPlans(db: Db, ctx: RequestContext) {
  if (!ctx.actor.id) return { items: [] };
  const today = await plans.orgToday(db);
  const rows = await repo.ownPayees(db, ctx.actor);
  const latest = new Map(
    (
      await repo.latestPublished(
        db,
        rows.map((r) => r.plan_id),
      )
    ).map((v) => [v.plan_id, v]),
  );
  const items = [];
  for (const r of rows) {
    const inForce = await plans.versionInForce(db, r.plan_id, today);
    const last = latest.get(r.plan_id);
    const published = await targets.publishedTargets(db, r.id);
    const byPeriod = new Map<string, (typeof published)[number]>();
    if (inForce)
      for (const t of published) {
        // The version in force for the target's period bounds which versions' targets apply to it.
        const limit = await plans.versionInForce(db, r.plan_id, periodOf(inForce.rules, t.period_start).end);
        const held = byPeriod.get(t.period_start);
        if (limit && t.version <= limit.version && (!held || t.version > held.version))
          byPeriod.set(t.period_start, t);
      }
    items.push({
      planId: r.plan_id,
      code: r.code,
      name: r.name,
      payeeId: r.id,
      startDate: r.start_date,
      endDate: r.end_date,
      inForce: inForce ?? null,
      latestPublished: last
        ? { id: last.id, version: last.version, effectiveFrom: last.effective_from }
        : null,
      acknowledged: acknowledgement(r),
      acknowledgedLatest: last !== undefined && r.acknowledged_version_id === last.id,
      targets: inForce
        ? [...byPeriod.values()].map((t) => ({
            periodStart: t.period_start,
            target: shownTarget(inForce.rules, t.target),
            versionId: t.version_id,
          }))
        : [],
    });
  }
  return { items };
}
