import { sql, type ExpressionBuilder, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CommissionPlanTable, CommissionPlanVersionTable, DB } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';
import type { PlanRules } from './rules.js';

/** SQL for commission plans and their versions — nothing else. */

export type PlanRow = Selectable<CommissionPlanTable>;
export type VersionRow = Selectable<CommissionPlanVersionTable>;

export async function insertPlan(db: Executor, row: Insertable<CommissionPlanTable>) {
  return db.insertInto('commission_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertVersion(db: Executor, row: Insertable<CommissionPlanVersionTable>) {
  return db.insertInto('commission_plan_versions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function planByCode(db: Executor, code: string) {
  return db.selectFrom('commission_plans').select('id').where('code', '=', code).executeTakeFirst();
}

/** The plan, if the actor may see it. */
export async function visiblePlan(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('commission_plans')
    .selectAll('commission_plans')
    .where('commission_plans.id', '=', id)
    .where(visible('commission_plan', actor))
    .executeTakeFirst();
}

/** The plan, locked: every change to a plan's versions, payees and targets is serialised on it. */
export async function lockPlan(db: Executor, id: string) {
  return db.selectFrom('commission_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setPlanStatus(db: Executor, id: string, status: PlanRow['status']) {
  await db.updateTable('commission_plans').set({ status }).where('id', '=', id).execute();
}

/** Today in the organisation's time zone: plans are in force by business date. */
const ORG_TODAY = sql<string>`(now() at time zone (select time_zone from organization))::date`;

export async function orgToday(db: Executor): Promise<string> {
  const row = await sql<{ today: string }>`select to_char(${ORG_TODAY}, 'YYYY-MM-DD') as today`.execute(db);
  return row.rows[0]!.today;
}

/** The version in force today, the latest version's number, and how many of its payees the actor sees. */
const figures = (actor: Actor) => (eb: ExpressionBuilder<DB, 'commission_plans'>) => [
  sql<number | null>`(select v.version from commission_plan_versions v
    where v.plan_id = commission_plans.id and v.status = 'published' and v.effective_from <= ${ORG_TODAY}
    order by v.effective_from desc, v.version desc limit 1)`.as('current_version'),
  eb
    .selectFrom('commission_plan_versions as v')
    .select((v) => v.fn.max('v.version').as('n'))
    .whereRef('v.plan_id', '=', 'commission_plans.id')
    .as('latest_version'),
  eb
    .selectFrom('commission_payees')
    .select((p) => p.fn.countAll<string>().as('n'))
    .whereRef('commission_payees.plan_id', '=', 'commission_plans.id')
    .where(visible('commission_payee', actor))
    .as('payee_count'),
];

export async function listPlans(
  db: Executor,
  actor: Actor,
  status: PlanRow['status'] | undefined,
  page: Page,
) {
  let q = db.selectFrom('commission_plans').where(visible('commission_plan', actor));
  if (status) q = q.where('commission_plans.status', '=', status);
  const [items, total] = await Promise.all([
    q
      .selectAll('commission_plans')
      .select(figures(actor))
      .orderBy('commission_plans.code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** One plan's summary figures, as the list shows them. */
export async function planFigures(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('commission_plans')
    .select(figures(actor))
    .where('commission_plans.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Every version of a plan, with the names of who wrote and who decided it. */
export async function versionsOf(db: Executor, planId: string) {
  return db
    .selectFrom('commission_plan_versions as v')
    .leftJoin('users as author', 'author.id', 'v.created_by')
    .leftJoin('users as decider', 'decider.id', 'v.decided_by')
    .selectAll('v')
    .select(['author.display_name as author_name', 'decider.display_name as decider_name'])
    .where('v.plan_id', '=', planId)
    .orderBy('v.version')
    .execute();
}

export async function versionOfPlan(db: Executor, planId: string, versionId: string) {
  return db
    .selectFrom('commission_plan_versions')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('id', '=', versionId)
    .executeTakeFirst();
}

/** The plan's current draft, if any (one at a time), and the number its next version takes. */
export async function draftAndNext(db: Executor, planId: string) {
  const rows = await db
    .selectFrom('commission_plan_versions')
    .select(['id', 'version', 'status', 'effective_from', 'rules'])
    .where('plan_id', '=', planId)
    .orderBy('version')
    .execute();
  return {
    draft: rows.find((r) => r.status === 'draft'),
    first: rows[0],
    next: (rows.at(-1)?.version ?? 0) + 1,
  };
}

/**
 * A locked or paid period of the plan that `date` falls strictly inside (after its first day, on or before
 * its last): an amendment from that date would change a closed period part-way.
 */
export async function closedPeriodAround(db: Executor, planId: string, date: string) {
  return db
    .selectFrom('commission_periods')
    .select(['id', 'period_start', 'period_end', 'status'])
    .where('plan_id', '=', planId)
    .where('status', 'in', ['locked', 'paid'])
    .where('period_start', '<', date)
    .where('period_end', '>=', date)
    .orderBy('period_start')
    .executeTakeFirst();
}

export async function decideVersion(
  db: Executor,
  id: string,
  set: { status: 'published' | 'rejected'; decided_by: string; decision_id: string },
) {
  return db
    .updateTable('commission_plan_versions')
    .set({ ...set, decided_at: sql<string>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setWarnings(db: Executor, versionId: string, warnings: unknown[]) {
  await db
    .updateTable('commission_plan_versions')
    .set({ warnings: JSON.stringify(warnings) })
    .where('id', '=', versionId)
    .execute();
}

/**
 * The version of a plan in force for a period: the published version with the latest effective date on or
 * before the period's last day (on a tie, the higher version number). Select what the caller needs from it.
 */
export function inForce(db: Executor, planId: string, periodEnd: string) {
  return db
    .selectFrom('commission_plan_versions')
    .where('plan_id', '=', planId)
    .where('status', '=', 'published')
    .where('effective_from', '<=', periodEnd)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1);
}

/** The version in force (see `inForce`), with its rules read as a plan. For the calculation. */
export async function versionInForce(
  db: Executor,
  planId: string,
  periodEnd: string,
): Promise<{ id: string; version: number; effectiveFrom: string; rules: PlanRules } | undefined> {
  const row = await inForce(db, planId, periodEnd)
    .select(['id', 'version', 'effective_from', 'rules'])
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      version: row.version,
      effectiveFrom: row.effective_from,
      rules: row.rules as PlanRules,
    }
  );
}
