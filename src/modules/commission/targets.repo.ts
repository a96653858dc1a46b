import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Page } from '../../http/pagination.js';
import type { PlanRules } from './rules.js';

/**
 * SQL for targets, the credit history targets are compared with, and index values — nothing else. Targets
 * are stored in the currency's minor unit for money measures and in units for measure `units`.
 */

export interface TargetRow {
  payee_id: string;
  period_start: string;
  version_id: string;
  target: string;
}

/** Sets targets on a version, replacing what that version said for the same payee and period. */
export async function upsertTargets(db: Executor, rows: TargetRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('commission_targets')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['payee_id', 'period_start', 'version_id']).doUpdateSet({
        target: (eb) => eb.ref('excluded.target'),
      }),
    )
    .execute();
}

/** The targets set by these versions. */
export async function targetsOf(db: Executor, versionIds: readonly string[]): Promise<TargetRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('commission_targets')
    .select(['payee_id', 'period_start', 'version_id', sql<string>`target::text`.as('target')])
    .where('version_id', 'in', [...new Set(versionIds)])
    .orderBy('period_start')
    .orderBy('payee_id')
    .execute();
}

/**
 * A payee's target for a period: the one set by the latest version numbered up to `versionNumberLimit` (the
 * version in force) — published versions, and the version numbered `versionNumberLimit` itself whatever its
 * state (a draft run as a what-if). Minor units for money measures, units for `units`. For the calculation.
 */
export async function targetFor(
  db: Executor,
  payeeId: string,
  periodStart: string,
  versionNumberLimit: number,
): Promise<{ target: string; versionId: string; version: number } | undefined> {
  const row = await db
    .selectFrom('commission_targets as t')
    .innerJoin('commission_plan_versions as v', 'v.id', 't.version_id')
    .select([sql<string>`t.target::text`.as('target'), 'v.id', 'v.version'])
    .where('t.payee_id', '=', payeeId)
    .where('t.period_start', '=', periodStart)
    .where('v.version', '<=', versionNumberLimit)
    .where((eb) => eb.or([eb('v.status', '=', 'published'), eb('v.version', '=', versionNumberLimit)]))
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { target: row.target, versionId: row.id, version: row.version };
}

/** Every target published versions set for a payee, with the version's number. */
export async function publishedTargets(db: Executor, payeeId: string) {
  return db
    .selectFrom('commission_targets as t')
    .innerJoin('commission_plan_versions as v', 'v.id', 't.version_id')
    .select(['t.period_start', sql<string>`t.target::text`.as('target'), 'v.id as version_id', 'v.version'])
    .where('t.payee_id', '=', payeeId)
    .where('v.status', '=', 'published')
    .orderBy('t.period_start')
    .execute();
}

/** Which transactions count for a basis: its sales, and returns and credit notes (netted). */
const KINDS = {
  booked: ['order', 'return', 'credit_note'],
  invoiced: ['invoice', 'return', 'credit_note'],
  paid: ['payment', 'return', 'credit_note'],
} as const;

/**
 * A payee's credited amount per calendar month before `before`, in the plan currency's minor units: current
 * credit lines (not superseded) of the transactions the plan's basis counts, overlay where the plan counts
 * it. The net measure — what the 120 % check compares a target with.
 */
export async function creditByMonth(
  db: Executor,
  payee: { user_id: string | null; partner_id: string | null },
  rules: Pick<PlanRules, 'currency' | 'basis' | 'includeOverlay'>,
  before: string,
) {
  let q = db
    .selectFrom('credit_lines as c')
    .innerJoin('transactions as t', 't.id', 'c.transaction_id')
    .select([
      sql<string>`to_char(date_trunc('month', t.transaction_date), 'YYYY-MM-DD')`.as('month'),
      sql<string>`sum(c.amount_minor)::text`.as('minor'),
    ])
    .where('c.superseded_at', 'is', null)
    .where('c.currency', '=', rules.currency)
    .where('t.kind', 'in', [...KINDS[rules.basis]])
    .where('t.transaction_date', '<', before);
  q = payee.user_id
    ? q.where('c.user_id', '=', payee.user_id)
    : q.where('c.partner_id', '=', payee.partner_id);
  if (!rules.includeOverlay) q = q.where('c.overlay', '=', false);
  return q.groupBy(sql`1`).execute();
}

// ---- index values for dynamic targets

export async function upsertIndex(
  db: Executor,
  row: { code: string; period_start: string; value: string; set_by: string | null },
) {
  const before = await db
    .selectFrom('commission_indexes')
    .select(sql<string>`value::text`.as('value'))
    .where('code', '=', row.code)
    .where('period_start', '=', row.period_start)
    .forUpdate()
    .executeTakeFirst();
  const saved = await db
    .insertInto('commission_indexes')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['code', 'period_start']).doUpdateSet({
        value: (eb) => eb.ref('excluded.value'),
        set_by: (eb) => eb.ref('excluded.set_by'),
        set_at: sql<string>`now()`,
      }),
    )
    .returning(['code', 'period_start', sql<string>`value::text`.as('value'), 'set_at'])
    .executeTakeFirstOrThrow();
  return { before: before?.value ?? null, saved };
}

export async function listIndexes(db: Executor, code: string | undefined, page: Page) {
  let q = db.selectFrom('commission_indexes');
  if (code) q = q.where('code', '=', code);
  const [items, total] = await Promise.all([
    q
      .select(['code', 'period_start', sql<string>`value::text`.as('value'), 'set_at'])
      .orderBy('code')
      .orderBy('period_start', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
