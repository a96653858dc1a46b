import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/index.js';
import { statementInSight } from './disputes.repo.js';

/** A period with its plan and its current and locked snapshots. */
export async function findPeriod(db: Executor, periodId: string) {
  return db
    .selectFrom('commission_periods')
    .innerJoin('commission_plans', 'commission_plans.id', 'commission_periods.plan_id')
    .select([
      'commission_periods.id',
      'commission_periods.plan_id',
      'commission_periods.period_start',
      'commission_periods.period_end',
      'commission_periods.status',
      'commission_periods.current_snapshot_id',
      'commission_periods.locked_snapshot_id',
      'commission_plans.name as plan_name',
      'commission_plans.code as plan_code',
    ])
    .where('commission_periods.id', '=', periodId)
    .executeTakeFirst();
}
export type PeriodRow = NonNullable<Awaited<ReturnType<typeof findPeriod>>>;

export async function snapshotRules(db: Executor, snapshotId: string) {
  const row = await db
    .selectFrom('commission_snapshots')
    .innerJoin(
      'commission_plan_versions',
      'commission_plan_versions.id',
      'commission_snapshots.plan_version_id',
    )
    .select(['commission_plan_versions.rules', 'commission_plan_versions.version'])
    .where('commission_snapshots.id', '=', snapshotId)
    .executeTakeFirstOrThrow();
  return row;
}

/** The results of a snapshot the actor may see, one per payee, by payee name. */
export async function statementResults(
  db: Executor,
  actor: Actor,
  period: { id: string },
  snapshotId: string,
  payeeId?: string,
) {
  let q = db
    .selectFrom('commission_results')
    .innerJoin('commission_payees', 'commission_payees.id', 'commission_results.payee_id')
    .innerJoin('commission_periods', (j) => j.on('commission_periods.id', '=', period.id))
    .leftJoin('users', 'users.id', 'commission_payees.user_id')
    .leftJoin('partners', 'partners.id', 'commission_payees.partner_id')
    .select([
      'commission_results.payee_id',
      'commission_results.currency',
      'commission_results.measure',
      'commission_results.target',
      'commission_results.attainment',
      'commission_results.tier',
      'commission_results.earned_minor',
      'commission_results.payout_minor',
      'commission_payees.user_id',
      'commission_payees.partner_id',
      sql<string>`coalesce(users.display_name, partners.name, '')`.as('name'),
    ])
    .where('commission_results.snapshot_id', '=', snapshotId)
    .where(statementInSight(actor));
  if (payeeId) q = q.where('commission_results.payee_id', '=', payeeId);
  return q.orderBy('name').orderBy('commission_results.payee_id').execute();
}
export type ResultRow = Awaited<ReturnType<typeof statementResults>>[number];

export async function statementLines(db: Executor, snapshotId: string, payeeIds: readonly string[]) {
  if (payeeIds.length === 0) return [];
  return db
    .selectFrom('commission_lines')
    .select(['id', 'payee_id', 'line_no', 'kind', 'amount_minor', 'basis_minor', 'rate', 'tier', 'formula'])
    .where('snapshot_id', '=', snapshotId)
    .where('payee_id', 'in', [...payeeIds])
    .orderBy('payee_id')
    .orderBy('line_no')
    .execute();
}
export type LineRow = Awaited<ReturnType<typeof statementLines>>[number];

/** The reader's language: its own preference, else the organisation's. */
export async function languageOf(db: Executor, userId: string | null) {
  const org = await db.selectFrom('organization').select('default_language').executeTakeFirst();
  const user = userId
    ? await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst()
    : undefined;
  return user?.language ?? org?.default_language ?? 'zh-CN';
}
