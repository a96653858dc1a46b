import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { teamSubtree } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import { payeeInSight } from './disputes.repo.js';

export async function findPlan(db: Executor, planId: string) {
  return db
    .selectFrom('commission_plans')
    .select(['id', 'name', 'code', 'payee_type'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

/** The plan's published versions, oldest first (the rules in force for a date are the latest started). */
export async function publishedVersions(db: Executor, planId: string) {
  return db
    .selectFrom('commission_plan_versions')
    .select(['id', 'version', 'effective_from', 'rules'])
    .where('plan_id', '=', planId)
    .where('status', '=', 'published')
    .orderBy('effective_from')
    .orderBy('version')
    .execute();
}

/** Payees of a plan the actor sees: one, the members of a team subtree, or the actor's own. */
export async function payeesInSight(
  db: Executor,
  actor: Actor,
  planId: string,
  filter: { payeeId?: string | undefined; teamId?: string | undefined },
) {
  let q = db
    .selectFrom('commission_payees')
    .leftJoin('users', 'users.id', 'commission_payees.user_id')
    .leftJoin('partners', 'partners.id', 'commission_payees.partner_id')
    .select([
      'commission_payees.id',
      'commission_payees.user_id',
      'commission_payees.partner_id',
      sql<string>`coalesce(users.display_name, partners.name, '')`.as('name'),
    ])
    .where('commission_payees.plan_id', '=', planId)
    .where(payeeInSight(actor));
  if (filter.payeeId) q = q.where('commission_payees.id', '=', filter.payeeId);
  else if (filter.teamId) q = q.where('users.team_id', 'in', teamSubtree(filter.teamId));
  else if (actor.scope === 'partner') q = q.where('commission_payees.partner_id', '=', actor.partnerId);
  else q = q.where('commission_payees.user_id', '=', actor.id);
  return q.orderBy('name').orderBy('commission_payees.id').execute();
}
export type PayeeRow = Awaited<ReturnType<typeof payeesInSight>>[number];

/** Every period of the plan with each payee's result in its current snapshot. */
export async function periodResults(db: Executor, planId: string, payeeIds: readonly string[]) {
  const periods = await db
    .selectFrom('commission_periods')
    .leftJoin('commission_snapshots', 'commission_snapshots.id', 'commission_periods.current_snapshot_id')
    .select([
      'commission_periods.id',
      'commission_periods.period_start',
      'commission_periods.period_end',
      'commission_periods.status',
      'commission_periods.current_snapshot_id',
      'commission_snapshots.calculated_at',
    ])
    .where('commission_periods.plan_id', '=', planId)
    .orderBy('commission_periods.period_start')
    .execute();
  const snapshots = periods.map((p) => p.current_snapshot_id).filter((id): id is string => id !== null);
  const results =
    snapshots.length === 0 || payeeIds.length === 0
      ? []
      : await db
          .selectFrom('commission_results')
          .select(['snapshot_id', 'payee_id', 'currency', 'measure', 'target', 'attainment', 'payout_minor'])
          .where('snapshot_id', 'in', snapshots)
          .where('payee_id', 'in', [...payeeIds])
          .execute();
  return { periods, results };
}

/** A payee's target for a period as the latest version that set one says. */
export async function targetFor(db: Executor, payeeId: string, periodStart: string) {
  const row = await db
    .selectFrom('commission_targets')
    .innerJoin('commission_plan_versions', 'commission_plan_versions.id', 'commission_targets.version_id')
    .select('commission_targets.target')
    .where('commission_targets.payee_id', '=', payeeId)
    .where('commission_targets.period_start', '=', periodStart)
    .where('commission_plan_versions.status', '=', 'published')
    .orderBy('commission_plan_versions.version', 'desc')
    .executeTakeFirst();
  return row?.target ?? null;
}

/**
 * Open opportunities expected to close in [from, to] on the payee's side: the ones it owns or on customers
 * it holds (a partner: customers of its partner).
 */
export async function openOpportunities(
  db: Executor,
  payee: { user_id: string | null; partner_id: string | null },
  from: string,
  to: string,
) {
  let q = db
    .selectFrom('opportunities')
    .innerJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .select([
      'opportunities.id',
      'opportunities.stage',
      'opportunities.amount_minor',
      'opportunities.currency',
    ])
    .where('opportunities.status', '=', 'open')
    .where('opportunities.expected_close', '>=', from)
    .where('opportunities.expected_close', '<=', to);
  if (payee.user_id)
    q = q.where((eb) =>
      eb.or([eb('opportunities.owner_id', '=', payee.user_id), eb('accounts.owner_id', '=', payee.user_id)]),
    );
  else q = q.where('accounts.partner_id', '=', payee.partner_id);
  return q.orderBy('opportunities.id').execute();
}

export async function organizationTimeZone(db: Executor) {
  const row = await db.selectFrom('organization').select('time_zone').executeTakeFirst();
  return row?.time_zone ?? 'Asia/Shanghai';
}

/**
 * Payees of periods running on `today` whose latest calculation is below `threshold` percent attainment
 * (no attainment — no target — is never below), with the checkpoints already alerted and whom to tell.
 */
export async function alertCandidates(db: Executor, today: string, threshold: string, limit: number) {
  return db
    .selectFrom('commission_periods')
    .innerJoin('commission_plans', 'commission_plans.id', 'commission_periods.plan_id')
    .innerJoin(
      'commission_results',
      'commission_results.snapshot_id',
      'commission_periods.current_snapshot_id',
    )
    .innerJoin('commission_payees', 'commission_payees.id', 'commission_results.payee_id')
    .leftJoin('users', 'users.id', 'commission_payees.user_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .leftJoin('partners', 'partners.id', 'commission_payees.partner_id')
    .select([
      'commission_periods.id as period_id',
      'commission_periods.plan_id',
      'commission_periods.period_start',
      'commission_periods.period_end',
      'commission_periods.current_snapshot_id as snapshot_id',
      'commission_plans.name as plan_name',
      'commission_results.payee_id',
      'commission_results.attainment',
      'commission_payees.user_id',
      'commission_payees.partner_id',
      sql<string | null>`coalesce(users.manager_id, teams.manager_id, partners.manager_id)`.as('manager_id'),
      sql<number[]>`coalesce((select array_agg(a.checkpoint) from commission_alerts a
        where a.period_id = commission_periods.id and a.payee_id = commission_results.payee_id), '{}')`.as(
        'sent',
      ),
    ])
    .where('commission_periods.status', 'in', ['open', 'calculated'])
    .where('commission_periods.period_start', '<=', today)
    .where('commission_periods.period_end', '>=', today)
    .where('commission_results.attainment', 'is not', null)
    .where(sql<boolean>`commission_results.attainment < ${threshold}::numeric`)
    .orderBy('commission_periods.id')
    .orderBy('commission_results.payee_id')
    .limit(limit)
    .execute();
}
export type AlertCandidate = Awaited<ReturnType<typeof alertCandidates>>[number];

/** Records alerts; returns the ones this call inserted (a racing node's rows are not returned). */
export async function insertAlerts(
  db: Executor,
  rows: readonly {
    period_id: string;
    payee_id: string;
    checkpoint: number;
    attainment: string | null;
    snapshot_id: string | null;
  }[],
) {
  if (rows.length === 0) return [];
  return db
    .insertInto('commission_alerts')
    .values([...rows])
    .onConflict((oc) => oc.columns(['period_id', 'payee_id', 'checkpoint']).doNothing())
    .returning(['period_id', 'payee_id', 'checkpoint'])
    .execute();
}
