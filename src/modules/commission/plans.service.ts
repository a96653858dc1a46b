import type { Db, Executor } from '../../db/database.js';
import {
  AppError,
  fieldError,
  invalid,
  isUniqueViolation,
  notFound,
  type FieldProblem,
} from '../../errors.js';
import { evidence, runWork, visibleIds, type Work } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { minorDigits, toMinor } from '../activities/index.js';
import * as payees from './payees.repo.js';
import * as repo from './plans.repo.js';
import type { AmendInput, CreatePlanInput, ListPlansQuery, PlanView, VersionView } from './plans.schema.js';
import type { PlanRules } from './rules.js';
import { applyTargets, versionNotDraft } from './targets.service.js';
import { shownTarget } from './targets.js';
import * as targets from './targets.repo.js';

/**
 * Commission plans and their versions. A plan starts with version 1 (a draft); amendments (补充协议) add
 * numbered, effective-dated drafts with a reason — one draft at a time. Someone other than a version's
 * author publishes or rejects it, as a `commission.plan` decision whose evidence carries the version's
 * warnings; publishing version 1 makes the plan active. Published versions are never changed. An amendment
 * may not start strictly inside a locked or paid period (from that period's first day it may: the period is
 * recalculated with adjustment lines, never edited).
 */

export const PLAN_REVIEW_RULE = { id: 'commission.plan_review', version: 1 } as const;

/** Fixed amounts whose decimals do not fit the plan currency, and a currency nobody knows. */
export function rulesProblems(rules: PlanRules, prefix = 'rules'): FieldProblem[] {
  if (minorDigits(rules.currency) === undefined)
    return [
      { field: `${prefix}.currency`, problem: 'unknown_currency', message: 'is not an ISO 4217 currency' },
    ];
  const amounts: [string, string | undefined][] = [
    ['cap', rules.cap ?? undefined],
    ['floor', rules.floor ?? undefined],
    ['bonusPool.amount', rules.bonusPool?.amount],
    ['draw.amount', rules.draw?.amount],
    ...rules.bonuses.map((b, i) => [`bonuses.${i}.amount`, b.amount] as [string, string]),
  ];
  return amounts.flatMap(([field, amount]) => {
    if (amount === undefined) return [];
    const minor = toMinor(amount, rules.currency);
    return typeof minor === 'bigint'
      ? []
      : [
          {
            field: `${prefix}.${field}`,
            problem: minor.problem,
            message: `is not an amount in ${rules.currency}`,
          },
        ];
  });
}

/**
 * What an amendment may not change: the currency (targets and pay are stored in its minor unit) and the
 * calendar (a plan's periods are one sequence). Those need a new plan.
 */
function calendarChanges(first: PlanRules, next: PlanRules): FieldProblem[] {
  return (['currency', 'period', 'yearStartMonth'] as const)
    .filter((key) => first[key] !== next[key])
    .map((key) => ({
      field: `rules.${key}`,
      problem: 'differs_from_plan',
      message: `must stay ${String(first[key])}, as version 1 has it; a new calendar or currency is a new plan`,
    }));
}

/** The plan as the actor may see it: warnings and targets only about the payees in its sight. */
async function detail(db: Executor, actor: Actor, plan: repo.PlanRow) {
  const [versions, figures, seen] = await Promise.all([
    repo.versionsOf(db, plan.id),
    repo.planFigures(db, actor, plan.id),
    payees.payeesOf(db, plan.id, actor),
  ]);
  const inSight = new Set(seen.map((p) => p.id));
  const set = await targets.targetsOf(
    db,
    versions.map((v) => v.id),
  );
  // Who wrote and who decided, where the reader may see them (a rep reading its plan may not see sales ops).
  const people = await visibleIds(
    db,
    'user',
    actor,
    versions.flatMap((v) => [v.created_by, v.decided_by]).filter((id): id is string => id !== null),
  );
  const person = (id: string | null, name: string | null) =>
    id && people.has(id) ? { id, name: name ?? '' } : null;
  return {
    ...summary(plan, figures),
    versions: versions.map((v): VersionView => {
      const rules = v.rules as PlanRules;
      return {
        id: v.id,
        version: v.version,
        effectiveFrom: v.effective_from,
        status: v.status,
        reasonCode: v.reason_code,
        reasonNote: v.reason_note,
        rules,
        warnings: (v.warnings as { code: string; params: { payeeId?: string } }[]).filter(
          (w) => !w.params.payeeId || inSight.has(w.params.payeeId),
        ),
        targets: set
          .filter((t) => t.version_id === v.id && inSight.has(t.payee_id))
          .map((t) => ({
            payeeId: t.payee_id,
            periodStart: t.period_start,
            target: shownTarget(rules, t.target),
          })),
        createdBy: person(v.created_by, v.author_name),
        createdAt: v.created_at,
        decidedBy: person(v.decided_by, v.decider_name),
        decidedAt: v.decided_at,
        decisionId: v.decision_id,
      };
    }),
  };
}

function summary(
  plan: repo.PlanRow,
  figures: { current_version: number | null; latest_version: number | null; payee_count: string | null },
): PlanView {
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    payeeType: plan.payee_type,
    status: plan.status,
    currentVersion: figures.current_version,
    latestVersion: figures.latest_version ?? 0,
    payeeCount: Number(figures.payee_count ?? 0),
    createdAt: plan.created_at,
  };
}

function author(ctx: RequestContext): string {
  if (!ctx.actor.id) throw new AppError('FORBIDDEN', 'Only a person writes or decides a commission plan');
  return ctx.actor.id;
}

export async function createPlan(db: Db, ctx: RequestContext, input: CreatePlanInput) {
  const by = author(ctx);
  const problems = rulesProblems(input.rules);
  if (problems.length) throw invalid(problems);
  const taken = () =>
    fieldError(
      'PLAN_CODE_TAKEN',
      `Another plan has the code ${input.code}`,
      { field: 'code', problem: 'taken', message: 'another plan has this code' },
      { code: input.code },
    );
  try {
    return await runWork(db, ctx, async (w) => {
      if (await repo.planByCode(w.tx, input.code)) throw taken();
      const plan = await repo.insertPlan(w.tx, {
        code: input.code,
        name: input.name,
        payee_type: input.payeeType,
        created_by: by,
      });
      const version = await repo.insertVersion(w.tx, {
        plan_id: plan.id,
        version: 1,
        effective_from: input.effectiveFrom,
        rules: JSON.stringify(input.rules),
        reason_code: 'initial',
        created_by: by,
      });
      w.audit({
        action: 'commission_plan.created',
        entityType: 'commission_plan',
        entityId: plan.id,
        after: { ...input, versionId: version.id },
      });
      return detail(w.tx, w.actor, plan);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

export async function listPlans(db: Db, ctx: RequestContext, query: ListPlansQuery) {
  const { items, total } = await repo.listPlans(db, ctx.actor, query.status, query);
  return { items: items.map((p) => summary(p, p)), total, limit: query.limit, offset: query.offset };
}

export async function getPlan(db: Db, ctx: RequestContext, id: string) {
  const plan = await repo.visiblePlan(db, ctx.actor, id);
  if (!plan) throw notFound('commission_plan', id);
  return detail(db, ctx.actor, plan);
}

/** A locked or paid period the date falls strictly inside: 409 naming effectiveFrom. */
async function refuseClosedPeriod(w: Work, planId: string, effectiveFrom: string) {
  const closed = await repo.closedPeriodAround(w.tx, planId, effectiveFrom);
  if (closed)
    throw fieldError(
      'AMENDMENT_IN_LOCKED_PERIOD',
      `effectiveFrom: inside the ${closed.status} period ${closed.period_start} – ${closed.period_end}`,
      {
        field: 'effectiveFrom',
        problem: 'in_locked_period',
        message: `falls inside the ${closed.status} period ${closed.period_start} – ${closed.period_end}; start on ${closed.period_start} or after ${closed.period_end}`,
      },
      {
        periodId: closed.id,
        periodStart: closed.period_start,
        periodEnd: closed.period_end,
        status: closed.status,
      },
    );
}

/** Open the plan for a change: seen, locked, and its rows read after the lock. */
async function lockedPlan(w: Work, planId: string) {
  if (!(await repo.visiblePlan(w.tx, w.actor, planId))) throw notFound('commission_plan', planId);
  return (await repo.lockPlan(w.tx, planId))!;
}

/** An amendment (补充协议): the next version, a draft, with its reason and optionally its targets. */
export async function amendPlan(db: Db, ctx: RequestContext, planId: string, input: AmendInput) {
  const by = author(ctx);
  const problems = rulesProblems(input.rules);
  if (problems.length) throw invalid(problems);
  return runWork(db, ctx, async (w) => {
    const plan = await lockedPlan(w, planId);
    const { draft, first, next } = await repo.draftAndNext(w.tx, planId);
    if (draft)
      throw new AppError(
        'VERSION_DRAFT_EXISTS',
        `Version ${draft.version} is still a draft: publish or reject it first`,
        {
          versionId: draft.id,
          version: draft.version,
        },
      );
    if (first && input.effectiveFrom < first.effective_from)
      throw fieldError('VALIDATION_FAILED', 'effectiveFrom: before version 1', {
        field: 'effectiveFrom',
        problem: 'before_first_version',
        message: `is before version 1 takes effect (${first.effective_from})`,
      });
    if (first) {
      const changed = calendarChanges(first.rules as PlanRules, input.rules);
      if (changed.length) throw invalid(changed);
    }
    await refuseClosedPeriod(w, planId, input.effectiveFrom);
    const version = await repo.insertVersion(w.tx, {
      plan_id: planId,
      version: next,
      effective_from: input.effectiveFrom,
      rules: JSON.stringify(input.rules),
      reason_code: input.reasonCode,
      reason_note: input.reasonNote,
      created_by: by,
    });
    const warnings = input.targets?.length
      ? await applyTargets(w, planId, { id: version.id, rules: input.rules }, input.targets, 'targets')
      : [];
    w.audit({
      action: 'commission_plan.amended',
      entityType: 'commission_plan',
      entityId: planId,
      after: {
        versionId: version.id,
        version: next,
        effectiveFrom: input.effectiveFrom,
        reasonCode: input.reasonCode,
        rules: input.rules,
        targets: input.targets ?? [],
        warnings,
      },
      reason: input.reasonNote,
    });
    return detail(w.tx, w.actor, plan);
  });
}

/**
 * Publishes or rejects a draft version, by someone other than its author, as a `commission.plan` decision
 * citing the version's warnings (each target above 120 % of history) as evidence.
 */
export async function decideVersion(
  db: Db,
  ctx: RequestContext,
  planId: string,
  versionId: string,
  verdict: 'published' | 'rejected',
  note: string | undefined,
) {
  const by = author(ctx);
  return runWork(db, ctx, async (w) => {
    const plan = await lockedPlan(w, planId);
    const version = await repo.versionOfPlan(w.tx, planId, versionId);
    if (!version) throw notFound('commission_plan_version', versionId);
    if (version.status !== 'draft') throw versionNotDraft(version.status);
    if (version.created_by === by)
      throw new AppError('SELF_APPROVAL', 'Whoever wrote a plan version cannot publish or reject it', {
        authorId: version.created_by,
      });
    // A period may have been locked since the draft was written.
    if (verdict === 'published') await refuseClosedPeriod(w, planId, version.effective_from);
    const warnings = version.warnings as { code: string; params: Record<string, string | number> }[];
    const decisionId = w.decide({
      kind: 'commission.plan',
      subject: { type: 'commission_plan', id: planId },
      verdict: verdict === 'published' ? 'published' : 'rejected',
      rule: {
        ...PLAN_REVIEW_RULE,
        params: {
          versionId,
          version: version.version,
          effectiveFrom: version.effective_from,
          reasonCode: version.reason_code,
        },
      },
      evidence: warnings.map((x) => evidence(x.code, x.params)),
      effective: { from: version.effective_from },
    });
    await repo.decideVersion(w.tx, versionId, { status: verdict, decided_by: by, decision_id: decisionId });
    if (verdict === 'published' && plan.status === 'draft') await repo.setPlanStatus(w.tx, planId, 'active');
    w.audit({
      action: verdict === 'published' ? 'commission_plan.published' : 'commission_plan.rejected',
      entityType: 'commission_plan',
      entityId: planId,
      before: { versionId, status: 'draft' },
      after: { versionId, version: version.version, status: verdict, warnings: warnings.length },
      reason: note ?? null,
      decisionId,
    });
    return detail(w.tx, w.actor, (await repo.lockPlan(w.tx, planId))!);
  });
}
