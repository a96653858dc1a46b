import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { visible } from '../../kernel/index.js';
import type { Page } from '../../http/pagination.js';
import type { Actor } from '../access/index.js';

// Conditions qualify every column with its table, as the kernel's policies do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<DB, any>;

/** Whose commission the actor sees: the kernel's payee policy (itself, its team's people, its partner; all). */
export const payeeInSight = (actor: Actor) => visible('commission_payee', actor);

/**
 * A statement (a payee in a period) in the actor's sight, as the period service reads statements: scope all
 * every one at any stage; everyone else the payees in its scope once the period is locked or paid. Needs
 * `commission_payees` and `commission_periods` in the query.
 */
export function statementInSight(actor: Actor) {
  return (eb: Eb): Expression<SqlBool> =>
    actor.scope === 'all'
      ? sql<SqlBool>`true`
      : eb.and([payeeInSight(actor)(eb), eb('commission_periods.status', 'in', ['locked', 'paid'])]);
}

/** A statement line with where it sits: snapshot, period, plan, payee and result currency. */
export async function findLine(db: Executor, lineId: string) {
  return db
    .selectFrom('commission_lines')
    .innerJoin('commission_snapshots', 'commission_snapshots.id', 'commission_lines.snapshot_id')
    .innerJoin('commission_periods', 'commission_periods.id', 'commission_snapshots.period_id')
    .innerJoin('commission_payees', 'commission_payees.id', 'commission_lines.payee_id')
    .innerJoin('commission_results', (j) =>
      j
        .onRef('commission_results.snapshot_id', '=', 'commission_lines.snapshot_id')
        .onRef('commission_results.payee_id', '=', 'commission_lines.payee_id'),
    )
    .select([
      'commission_lines.id',
      'commission_lines.line_no',
      'commission_lines.kind',
      'commission_lines.amount_minor',
      'commission_lines.formula',
      'commission_lines.snapshot_id',
      'commission_lines.payee_id',
      'commission_periods.id as period_id',
      'commission_periods.plan_id',
      'commission_periods.status as period_status',
      'commission_periods.period_start',
      'commission_periods.period_end',
      'commission_periods.locked_snapshot_id',
      'commission_payees.user_id',
      'commission_payees.partner_id',
      'commission_results.currency',
    ])
    .where('commission_lines.id', '=', lineId)
    .executeTakeFirst();
}
export type LineRow = NonNullable<Awaited<ReturnType<typeof findLine>>>;

/** Whether the actor sees the statement this line is on. */
export async function lineInSight(db: Executor, actor: Actor, lineId: string) {
  const row = await db
    .selectFrom('commission_lines')
    .innerJoin('commission_snapshots', 'commission_snapshots.id', 'commission_lines.snapshot_id')
    .innerJoin('commission_periods', 'commission_periods.id', 'commission_snapshots.period_id')
    .innerJoin('commission_payees', 'commission_payees.id', 'commission_lines.payee_id')
    .select('commission_lines.id')
    .where('commission_lines.id', '=', lineId)
    .where(statementInSight(actor))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDispute(
  db: Executor,
  row: { line_id: string; payee_id: string; reason: string; raised_by: string },
) {
  return db.insertInto('commission_disputes').values(row).returning('id').executeTakeFirstOrThrow();
}

function disputeQuery(db: Executor) {
  return db
    .selectFrom('commission_disputes')
    .innerJoin('commission_lines', 'commission_lines.id', 'commission_disputes.line_id')
    .innerJoin('commission_snapshots', 'commission_snapshots.id', 'commission_lines.snapshot_id')
    .innerJoin('commission_periods', 'commission_periods.id', 'commission_snapshots.period_id')
    .innerJoin('commission_payees', 'commission_payees.id', 'commission_disputes.payee_id')
    .innerJoin('commission_results', (j) =>
      j
        .onRef('commission_results.snapshot_id', '=', 'commission_lines.snapshot_id')
        .onRef('commission_results.payee_id', '=', 'commission_lines.payee_id'),
    )
    .leftJoin('users as payee_user', 'payee_user.id', 'commission_payees.user_id')
    .leftJoin('partners as payee_partner', 'payee_partner.id', 'commission_payees.partner_id')
    .leftJoin('commission_adjustments', 'commission_adjustments.id', 'commission_disputes.adjustment_id')
    .leftJoin(
      'commission_periods as target_period',
      'target_period.id',
      'commission_adjustments.target_period_id',
    );
}

const disputeColumns = [
  'commission_disputes.id',
  'commission_disputes.status',
  'commission_disputes.reason',
  'commission_disputes.raised_by',
  'commission_disputes.raised_at',
  'commission_disputes.resolved_by',
  'commission_disputes.resolved_at',
  'commission_disputes.resolution_note',
  'commission_disputes.adjustment_id',
  'commission_disputes.decision_id',
  'commission_disputes.payee_id',
  'commission_disputes.line_id',
  'commission_lines.line_no',
  'commission_lines.kind',
  'commission_lines.amount_minor',
  'commission_lines.formula',
  'commission_periods.id as period_id',
  'commission_periods.plan_id',
  'commission_periods.period_start',
  'commission_periods.period_end',
  'commission_payees.user_id',
  'commission_payees.partner_id',
  'payee_user.display_name as user_name',
  'payee_partner.name as partner_name',
  'commission_results.currency',
  'commission_adjustments.amount_minor as adjustment_minor',
  'commission_adjustments.target_period_id',
  'target_period.period_start as target_period_start',
] as const;

export async function findDispute(db: Executor, id: string, actor?: Actor) {
  let q = disputeQuery(db).select(disputeColumns).where('commission_disputes.id', '=', id);
  if (actor) q = q.where(payeeInSight(actor));
  return q.executeTakeFirst();
}
export type DisputeRow = NonNullable<Awaited<ReturnType<typeof findDispute>>>;

export async function lockDispute(db: Executor, id: string) {
  return db
    .selectFrom('commission_disputes')
    .select(['id', 'status', 'line_id', 'payee_id', 'raised_by'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listDisputes(
  db: Executor,
  actor: Actor,
  filter: { status?: string | undefined; periodId?: string | undefined },
  page: Page,
) {
  let q = disputeQuery(db).where(payeeInSight(actor));
  if (filter.status)
    q = q.where(
      'commission_disputes.status',
      '=',
      filter.status as 'open' | 'in_review' | 'upheld' | 'rejected',
    );
  if (filter.periodId) q = q.where('commission_periods.id', '=', filter.periodId);
  const [items, total] = await Promise.all([
    q
      .select(disputeColumns)
      .orderBy('commission_disputes.raised_at', 'desc')
      .orderBy('commission_disputes.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function updateDispute(
  db: Executor,
  id: string,
  set: {
    status: 'in_review' | 'upheld' | 'rejected';
    resolved_by?: string | null;
    resolved_at?: string;
    resolution_note?: string;
    adjustment_id?: string | null;
    decision_id?: string;
  },
) {
  await db.updateTable('commission_disputes').set(set).where('id', '=', id).execute();
}

export async function insertAdjustment(
  db: Executor,
  row: {
    plan_id: string;
    payee_id: string;
    source_period_id: string;
    target_period_id: string;
    amount_minor: string;
    reason: string;
    decision_id: string;
  },
) {
  return db
    .insertInto('commission_adjustments')
    .values({ ...row, kind: 'dispute' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Who hears about a payee's commission: the user, or the partner's active admins. */
export async function payeeRecipients(
  db: Executor,
  payee: { user_id: string | null; partner_id: string | null },
) {
  if (payee.user_id) return [payee.user_id];
  if (!payee.partner_id) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('partner_id', '=', payee.partner_id)
    .where('role', '=', 'partner_admin')
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}
