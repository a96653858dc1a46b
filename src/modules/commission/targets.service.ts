import { Decimal } from 'decimal.js';
import type { Db } from '../../db/database.js';
import { AppError, fieldError, invalid, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { runWork, type Evidence, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as payees from './payees.repo.js';
import * as plans from './plans.repo.js';
import type { PlanRules } from './rules.js';
import { checkTargets, historyWarnings, shownTarget } from './targets.js';
import * as repo from './targets.repo.js';
import type { TargetInput } from './targets.schema.js';

/**
 * Targets per payee and period, set on a draft version (the plan's first, or an amendment), and index
 * values for targets that follow an index. Saving targets recomputes the version's warnings: every target
 * above 120 % of its payee's best earlier period, which the approver sees in the publish decision.
 */

export const versionNotDraft = (status: string) =>
  new AppError('VERSION_NOT_DRAFT', `The version is ${status}; only a draft changes`, {
    status,
    expected: 'draft',
  });

/**
 * Checks and stores targets on a draft version, then recomputes the version's warnings over all of its
 * targets. Problems name `<prefix>.<index>.<field>`; nothing is written when there is one.
 */
export async function applyTargets(
  w: Work,
  planId: string,
  version: { id: string; rules: PlanRules },
  inputs: readonly TargetInput[],
  prefix: string,
): Promise<Evidence[]> {
  const known = await payees.payeeIdsOf(
    w.tx,
    planId,
    inputs.map((t) => t.payeeId),
  );
  const { rows, problems } = checkTargets(version.rules, inputs, known, prefix);
  if (problems.length) throw invalid(problems);
  await repo.upsertTargets(
    w.tx,
    rows.map((r) => ({
      payee_id: r.payeeId,
      period_start: r.periodStart,
      version_id: version.id,
      target: r.stored,
    })),
  );
  return recomputeWarnings(w, planId, version);
}

async function recomputeWarnings(w: Work, planId: string, version: { id: string; rules: PlanRules }) {
  const all = (await repo.targetsOf(w.tx, [version.id])).map((t) => ({
    payeeId: t.payee_id,
    periodStart: t.period_start,
    stored: t.target,
  }));
  const monthly = new Map<string, { month: string; minor: string }[]>();
  if (version.rules.measure !== 'units') {
    const people = await payees.payeesOf(w.tx, planId, null);
    for (const p of people) {
      const mine = all.filter((t) => t.payeeId === p.id);
      if (mine.length === 0) continue;
      const last = mine
        .map((t) => t.periodStart)
        .sort()
        .at(-1)!;
      monthly.set(p.id, await repo.creditByMonth(w.tx, p, version.rules, last));
    }
  }
  const warnings = historyWarnings(version.rules, all, monthly);
  await plans.setWarnings(w.tx, version.id, warnings);
  return warnings;
}

/** PUT …/targets: targets on a draft version of the plan. */
export async function putTargets(
  db: Db,
  ctx: RequestContext,
  planId: string,
  input: { versionId: string; targets: TargetInput[] },
) {
  return runWork(db, ctx, async (w) => {
    if (!(await plans.visiblePlan(w.tx, w.actor, planId))) throw notFound('commission_plan', planId);
    await plans.lockPlan(w.tx, planId);
    const version = await plans.versionOfPlan(w.tx, planId, input.versionId);
    if (!version)
      throw fieldError('VALIDATION_FAILED', 'versionId: not a version of this plan', {
        field: 'versionId',
        problem: 'unknown',
        message: 'is not a version of this plan',
      });
    if (version.status !== 'draft') throw versionNotDraft(version.status);
    const rules = version.rules as PlanRules;
    const warnings = await applyTargets(w, planId, { id: version.id, rules }, input.targets, 'targets');
    w.audit({
      action: 'commission_targets.set',
      entityType: 'commission_plan',
      entityId: planId,
      after: { versionId: version.id, version: version.version, targets: input.targets, warnings },
    });
    const saved = await repo.targetsOf(w.tx, [version.id]);
    return {
      versionId: version.id,
      targets: saved.map((t) => ({
        payeeId: t.payee_id,
        periodStart: t.period_start,
        target: shownTarget(rules, t.target),
      })),
      warnings,
    };
  });
}

const indexView = (r: { code: string; period_start: string; value: string; set_at: string }) => ({
  code: r.code,
  periodStart: r.period_start,
  value: new Decimal(r.value).toString(),
  setAt: r.set_at,
});

/** Sets an index value for a period (replacing the one there was, audited with it). */
export async function setIndex(
  db: Db,
  ctx: RequestContext,
  code: string,
  periodStart: string,
  value: string,
) {
  if (!new Decimal(value).greaterThan(0))
    throw fieldError('VALIDATION_FAILED', 'value: must be greater than zero', {
      field: 'value',
      problem: 'not_positive',
      message: 'must be greater than zero',
    });
  if (!periodStart.endsWith('-01'))
    throw fieldError('VALIDATION_FAILED', 'periodStart: not the first day of a month', {
      field: 'periodStart',
      problem: 'not_period_start',
      message: 'is not the first day of a month',
    });
  return runWork(db, ctx, async (w) => {
    const { before, saved } = await repo.upsertIndex(w.tx, {
      code,
      period_start: periodStart,
      value,
      set_by: w.actor.id,
    });
    w.audit({
      action: 'commission_index.set',
      entityType: 'commission_index',
      entityId: `${code}/${periodStart}`,
      before: before === null ? null : { value: before },
      after: { code, periodStart, value },
    });
    return indexView(saved);
  });
}

export async function listIndexes(db: Db, code: string | undefined, page: Page) {
  const { items, total } = await repo.listIndexes(db, code, page);
  return { items: items.map(indexView), total, limit: page.limit, offset: page.offset };
}
