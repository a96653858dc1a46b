import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  CommissionAdjustmentKind,
  CommissionAdjustmentTable,
  CommissionLineTable,
  CommissionResultTable,
  CommissionSnapshotTable,
} from '../../db/types.js';
import { visible } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';
import * as plans from './plans.repo.js';

/** SQL for commission periods, snapshots, results, lines and adjustments — nothing else. */

/** A plan version with everything an adjustment cites. */
const VERSION_COLUMNS = ['id', 'version', 'effective_from', 'rules', 'reason_code', 'reason_note'] as const;

/** The published version in force on `onDate` (see `plans.inForce`), in one read. */
export function versionInForce(db: Executor, planId: string, onDate: string) {
  return plans.inForce(db, planId, onDate).select(VERSION_COLUMNS).executeTakeFirst();
}

export async function versionById(db: Executor, id: string) {
  return db
    .selectFrom('commission_plan_versions')
    .select(VERSION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function firstVersionStart(db: Executor, planId: string) {
  const row = await db
    .selectFrom('commission_plan_versions')
    .select((eb) => eb.fn.min('effective_from').as('start'))
    .where('plan_id', '=', planId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row?.start ?? null;
}

export async function period(db: Executor, periodId: string, lock = false) {
  const q = db.selectFrom('commission_periods').selectAll().where('id', '=', periodId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function periodAt(db: Executor, planId: string, start: string) {
  return db
    .selectFrom('commission_periods')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period_start', '=', start)
    .executeTakeFirst();
}

/** Opens the period if it is not there yet; returns it either way. */
export async function ensurePeriod(db: Executor, planId: string, start: string, end: string) {
  await db
    .insertInto('commission_periods')
    .values({ plan_id: planId, period_start: start, period_end: end })
    .onConflict((oc) => oc.columns(['plan_id', 'period_start']).doNothing())
    .execute();
  return (await periodAt(db, planId, start))!;
}

export async function periodsOfPlan(db: Executor, planId: string) {
  return db
    .selectFrom('commission_periods as p')
    .leftJoin('commission_snapshots as s', 's.id', 'p.current_snapshot_id')
    .select([
      'p.id',
      'p.period_start',
      'p.period_end',
      'p.status',
      'p.current_snapshot_id',
      'p.locked_snapshot_id',
      'p.locked_at',
      's.payout_minor',
      's.payees',
      's.calculated_at',
      's.seq',
    ])
    .where('p.plan_id', '=', planId)
    .orderBy('p.period_start')
    .execute();
}

export async function setPeriodState(
  db: Executor,
  periodId: string,
  values: Partial<{
    status: 'open' | 'calculated' | 'approved' | 'locked' | 'paid';
    current_snapshot_id: string;
    locked_snapshot_id: string;
    approved_by: string | null;
    approved_at: string;
    locked_by: string | null;
    locked_at: string;
    paid_at: string;
  }>,
) {
  await db.updateTable('commission_periods').set(values).where('id', '=', periodId).execute();
}

/** Payees whose time on the plan overlaps the range, oldest first. */
export async function payeesDuring(db: Executor, planId: string, from: string, to: string, onlyId?: string) {
  let q = db
    .selectFrom('commission_payees as cp')
    .leftJoin('users as u', 'u.id', 'cp.user_id')
    .leftJoin('partners as pa', 'pa.id', 'cp.partner_id')
    .select([
      'cp.id',
      'cp.user_id',
      'cp.partner_id',
      'cp.start_date',
      'cp.end_date',
      sql<string>`coalesce(u.display_name, pa.name, '')`.as('name'),
    ])
    .where('cp.plan_id', '=', planId)
    .where('cp.start_date', '<=', to)
    .where((eb) => eb.or([eb('cp.end_date', 'is', null), eb('cp.end_date', '>=', from)]));
  if (onlyId !== undefined) q = q.where('cp.id', '=', onlyId);
  return q.orderBy('cp.created_at').orderBy('cp.id').execute();
}

/** Each payee's target per period start, as set by the latest version numbered at most `upToVersion`. */
export async function targets(
  db: Executor,
  planId: string,
  starts: string[],
  upToVersion: number,
  onlyPayeeId?: string,
) {
  if (starts.length === 0) return [];
  let q = db
    .selectFrom('commission_targets as t')
    .innerJoin('commission_plan_versions as v', 'v.id', 't.version_id')
    .select(['t.payee_id', 't.period_start', sql<string>`t.target::text`.as('target'), 'v.version'])
    .where('v.plan_id', '=', planId)
    .where('v.status', '=', 'published')
    .where('v.version', '<=', upToVersion)
    .where('t.period_start', 'in', starts);
  if (onlyPayeeId !== undefined) q = q.where('t.payee_id', '=', onlyPayeeId);
  return q.orderBy('v.version', 'desc').execute();
}

export async function indexValue(db: Executor, code: string, periodStart: string) {
  const row = await db
    .selectFrom('commission_indexes')
    .select(sql<string>`value::text`.as('value'))
    .where('code', '=', code)
    .where('period_start', '=', periodStart)
    .executeTakeFirst();
  return row?.value ?? null;
}

export interface CreditRow {
  id: string;
  transaction_id: string;
  kind: 'order' | 'invoice' | 'payment' | 'return' | 'credit_note';
  on_date: string;
  user_id: string | null;
  partner_id: string | null;
  amount_minor: string;
  currency: string;
  share_bp: number;
  /** Only when the plan measures or pays on gross, margin or units. */
  gross_minor: string | null;
  net_minor: string | null;
  margin_minor: string | null;
  units: string | null;
  /** Only for a line in another currency than the plan's. */
  base_currency: string | null;
  rate: string | null;
  reverses_external_id: string | null;
}

const BASIS_DATE = {
  booked: sql`t.transaction_date`,
  invoiced: sql`coalesce(t.invoice_date, t.transaction_date)`,
  paid: sql`coalesce(t.paid_date, t.transaction_date)`,
} as const;

/**
 * The credit lines of the given people and partners whose transactions count on the plan's basis, dated in
 * [from, to] by that basis, in a stable order (date, transaction, position). Current lines — or, with
 * `asOf`, the lines that were current at that instant (credit lines are never edited, only superseded), so
 * a statement's calculation can be reproduced later from exactly its inputs. Only the columns the plan
 * needs are read: a period of a million lines is read in one pass.
 */
export async function creditRows(
  db: Executor,
  q: {
    userIds: string[];
    partnerIds: string[];
    kinds: string[];
    basis: keyof typeof BASIS_DATE;
    from: string;
    to: string;
    currency: string;
    amounts: boolean;
    units: boolean;
    includeOverlay: boolean;
    asOf?: string;
    /** Leave out what `creditSums` adds up (lines in the plan currency that reverse nothing). */
    unsummedOnly?: boolean;
  },
): Promise<CreditRow[]> {
  if (q.userIds.length === 0 && q.partnerIds.length === 0) return [];
  const date = BASIS_DATE[q.basis];
  const amounts = q.amounts
    ? sql`t.gross_minor::text as gross_minor, t.net_minor::text as net_minor, t.margin_minor::text as margin_minor`
    : sql`null as gross_minor, t.net_minor::text as net_minor, null as margin_minor`;
  const units = q.units
    ? sql`(select sum(quantity) from transaction_lines tl where tl.transaction_id = t.id)::text`
    : sql`null`;
  const current = q.asOf
    ? sql`cl.created_at <= ${q.asOf}::timestamptz and (cl.superseded_at is null or cl.superseded_at > ${q.asOf}::timestamptz)`
    : sql`cl.superseded_at is null and t.superseded_by is null`;
  const payees =
    q.userIds.length > 0 && q.partnerIds.length > 0
      ? sql`(cl.user_id = any(${q.userIds}::uuid[]) or cl.partner_id = any(${q.partnerIds}::uuid[]))`
      : q.userIds.length > 0
        ? q.userIds.length === 1
          ? sql`cl.user_id = ${q.userIds[0]}::uuid`
          : sql`cl.user_id = any(${q.userIds}::uuid[])`
        : sql`cl.partner_id = any(${q.partnerIds}::uuid[])`;
  const result = await sql<CreditRow>`
    select cl.id, cl.transaction_id, t.kind, (${date})::text as on_date, cl.user_id, cl.partner_id,
      cl.amount_minor::text as amount_minor, cl.currency, cl.share_bp, ${amounts}, ${units} as units,
      case when cl.currency <> ${q.currency} then t.base_currency end as base_currency,
      case when cl.currency <> ${q.currency} then t.rate::text end as rate,
      t.reverses_external_id
    from credit_lines cl
    join transactions t on t.id = cl.transaction_id
    where ${current} and ${payees}
      and t.kind = any(${q.kinds}::text[])
      and ${date} between ${q.from}::date and ${q.to}::date
      ${q.includeOverlay ? sql`` : sql`and not cl.overlay`}
      ${q.unsummedOnly ? sql`and (cl.currency <> ${q.currency} or t.reverses_external_id is not null)` : sql``}
    order by ${date}, cl.transaction_id, cl.position
  `.execute(db);
  return result.rows;
}

/**
 * A period run of a plan that measures and pays on net amounts: the current credit lines in the plan
 * currency that reverse nothing, added up per payee, sales apart from returns — the same sums the
 * calculation would make line by line, made where the lines are. The rest is read line by line.
 */
export async function creditSums(
  db: Executor,
  q: {
    userIds: string[];
    partnerIds: string[];
    kinds: string[];
    basis: keyof typeof BASIS_DATE;
    from: string;
    to: string;
    currency: string;
    includeOverlay: boolean;
  },
) {
  if (q.userIds.length === 0 && q.partnerIds.length === 0) return [];
  const date = BASIS_DATE[q.basis];
  const result = await sql<{ payee: string; negative: boolean; n: number; total: string }>`
    select coalesce(cl.user_id, cl.partner_id) as payee, cl.amount_minor < 0 as negative, count(*)::int as n,
      sum(cl.amount_minor)::text as total
    from credit_lines cl
    join transactions t on t.id = cl.transaction_id
    where cl.superseded_at is null and t.superseded_by is null
      and (cl.user_id = any(${q.userIds}::uuid[]) or cl.partner_id = any(${q.partnerIds}::uuid[]))
      and t.kind = any(${q.kinds}::text[])
      and ${date} between ${q.from}::date and ${q.to}::date
      and cl.currency = ${q.currency} and t.reverses_external_id is null
      ${q.includeOverlay ? sql`` : sql`and not cl.overlay`}
    group by 1, 2
    order by 1, 2
  `.execute(db);
  return result.rows;
}

/** The products of transactions, for plans with flat product rates. */
export async function productLines(db: Executor, transactionIds: string[]) {
  if (transactionIds.length === 0) return [];
  return db
    .selectFrom('transaction_lines as tl')
    .innerJoin('products as p', 'p.id', 'tl.product_id')
    .select(['tl.transaction_id', 'tl.line_no', 'tl.product_id', 'p.product_line_id', 'tl.net_minor'])
    .where('tl.transaction_id', 'in', transactionIds)
    .orderBy('tl.transaction_id')
    .orderBy('tl.line_no')
    .execute();
}

/** The sales that returns name, with the date each counts on. */
export async function originals(db: Executor, externalIds: string[], basis: keyof typeof BASIS_DATE) {
  if (externalIds.length === 0) return [];
  const date = BASIS_DATE[basis];
  const result = await sql<{ external_id: string; on_date: string }>`
    select t.external_id, to_char(${date}, 'YYYY-MM-DD') as on_date from transactions t
    where t.external_id = any(${externalIds}::text[]) and t.superseded_by is null
  `.execute(db);
  return result.rows;
}

export async function exchangeRates(db: Executor) {
  return db
    .selectFrom('exchange_rates')
    .select([
      'base',
      'quote',
      sql<string>`to_char(on_date, 'YYYY-MM-DD')`.as('onDate'),
      sql<string>`rate::text`.as('rate'),
    ])
    .execute();
}

/** Results of a snapshot for some payees (all when `payeeIds` is omitted). */
export async function results(db: Executor, snapshotId: string, payeeIds?: string[]) {
  let q = db
    .selectFrom('commission_results')
    .select([
      'payee_id',
      'currency',
      sql<string>`measure::text`.as('measure'),
      sql<string>`target::text`.as('target'),
      sql<string | null>`attainment::text`.as('attainment'),
      'tier',
      'earned_minor',
      'payout_minor',
      'carried_minor',
      'draw_balance_minor',
    ])
    .where('snapshot_id', '=', snapshotId);
  if (payeeIds)
    q = q.where('payee_id', 'in', payeeIds.length ? payeeIds : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

export async function snapshot(db: Executor, id: string) {
  return db.selectFrom('commission_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextSnapshotSeq(db: Executor, periodId: string) {
  const row = await db
    .selectFrom('commission_snapshots')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return (row?.seq ?? 0) + 1;
}

export async function insertSnapshot(db: Executor, row: Insertable<CommissionSnapshotTable>) {
  return db
    .insertInto('commission_snapshots')
    .values(row)
    .returning(['id', 'calculated_at'])
    .executeTakeFirstOrThrow();
}

/** Inserts many rows in chunks that stay under the bind-parameter limit. */
async function insertChunked<T>(rows: T[], columns: number, insert: (chunk: T[]) => Promise<unknown>) {
  const size = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function insertResults(db: Executor, rows: Insertable<CommissionResultTable>[]) {
  await insertChunked(rows, 13, (chunk) => db.insertInto('commission_results').values(chunk).execute());
}

export async function insertLines(db: Executor, rows: Insertable<CommissionLineTable>[]) {
  await insertChunked(rows, 11, (chunk) => db.insertInto('commission_lines').values(chunk).execute());
}

export async function adjustmentsFor(db: Executor, targetPeriodId: string, onlyPayeeId?: string) {
  let q = db
    .selectFrom('commission_adjustments')
    .select(['id', 'payee_id', 'kind', 'amount_minor', 'reason', 'source_period_id', 'version_id'])
    .where('target_period_id', '=', targetPeriodId);
  if (onlyPayeeId !== undefined) q = q.where('payee_id', '=', onlyPayeeId);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** What adjustments already made good for a period, per payee (of the kinds a recalculation compares). */
export async function adjustedFrom(db: Executor, sourcePeriodId: string, kinds: CommissionAdjustmentKind[]) {
  return db
    .selectFrom('commission_adjustments')
    .select(['payee_id', 'kind', sql<string>`sum(amount_minor)::text`.as('amount')])
    .where('source_period_id', '=', sourcePeriodId)
    .where('kind', 'in', kinds)
    .groupBy(['payee_id', 'kind'])
    .execute();
}

export async function insertAdjustments(db: Executor, rows: Insertable<CommissionAdjustmentTable>[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto('commission_adjustments')
    .values(rows)
    .returning(['id', 'payee_id', 'kind', 'amount_minor'])
    .execute();
}

/** The earliest period after `after` that is still open or calculated (adjustments land there). */
export async function nextOpenPeriod(db: Executor, planId: string, after: string) {
  return db
    .selectFrom('commission_periods')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period_start', '>', after)
    .where('status', 'in', ['open', 'calculated'])
    .orderBy('period_start')
    .executeTakeFirst();
}

/** The plan's last period before `before`. */
export async function previousPeriod(db: Executor, planId: string, before: string) {
  return db
    .selectFrom('commission_periods')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period_start', '<', before)
    .orderBy('period_start', 'desc')
    .executeTakeFirst();
}

/** Periods of the plan before `before` in its plan year, with their current results for the payees. */
export async function earlierInYear(db: Executor, planId: string, yearStart: string, before: string) {
  return db
    .selectFrom('commission_periods')
    .select(['id', 'period_start', 'status', 'current_snapshot_id', 'locked_snapshot_id'])
    .where('plan_id', '=', planId)
    .where('period_start', '>=', yearStart)
    .where('period_start', '<', before)
    .orderBy('period_start')
    .execute();
}

/** Statement lines of a payee in a snapshot. */
export async function lines(db: Executor, snapshotId: string, payeeId?: string) {
  let q = db
    .selectFrom('commission_lines as l')
    .leftJoin('commission_adjustments as a', 'a.id', 'l.adjustment_id')
    .select([
      'l.id',
      'l.payee_id',
      'l.line_no',
      'l.kind',
      'l.amount_minor',
      'l.basis_minor',
      sql<string | null>`l.rate::text`.as('rate'),
      'l.tier',
      'l.formula',
      'l.adjustment_id',
      'a.kind as adjustment_kind',
      'a.reason as adjustment_reason',
      'a.version_id as adjustment_version_id',
      'a.source_period_id as adjustment_source_period_id',
    ])
    .where('l.snapshot_id', '=', snapshotId);
  if (payeeId) q = q.where('l.payee_id', '=', payeeId);
  return q.orderBy('l.payee_id').orderBy('l.line_no').execute();
}

export async function resultDetail(db: Executor, snapshotId: string, payeeId: string) {
  return db
    .selectFrom('commission_results')
    .select(['explanation'])
    .where('snapshot_id', '=', snapshotId)
    .where('payee_id', '=', payeeId)
    .executeTakeFirst();
}

/** Payees of a plan the actor may see (its visibility policy), with names. */
export async function visiblePayees(db: Executor, actor: Actor, planId: string) {
  return db
    .selectFrom('commission_payees')
    .leftJoin('users as u', 'u.id', 'commission_payees.user_id')
    .leftJoin('partners as pa', 'pa.id', 'commission_payees.partner_id')
    .select([
      'commission_payees.id',
      'commission_payees.user_id',
      'commission_payees.partner_id',
      sql<string>`coalesce(u.display_name, pa.name, '')`.as('name'),
    ])
    .where('commission_payees.plan_id', '=', planId)
    .where(visible('commission_payee', actor))
    .execute();
}

/** The caller's own payee rows (as the person, or as its partner). */
export async function ownPayees(db: Executor, actor: Actor) {
  return db
    .selectFrom('commission_payees')
    .select(['id', 'plan_id'])
    .where((eb) =>
      eb.or([
        eb('user_id', '=', actor.id),
        ...(actor.partnerId ? [eb('partner_id', '=', actor.partnerId)] : []),
      ]),
    )
    .execute();
}

export async function transactionsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('transactions as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 't.external_id', 't.kind', 't.transaction_date', 'a.id as account_id', 'a.legal_name'])
    .where('t.id', 'in', ids)
    .execute();
}
