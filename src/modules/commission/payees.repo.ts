import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CommissionPayeeTable } from '../../db/types.js';
import { visible } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';

/** SQL for the payees on commission plans and their sign-off — nothing else. */

export async function insertPayee(db: Executor, row: Insertable<CommissionPayeeTable>) {
  return db.insertInto('commission_payees').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Payees of a plan with their names and the version number they signed off; `actor` limits them to its sight. */
export async function payeesOf(db: Executor, planId: string, actor: Actor | null, payeeId?: string) {
  let q = db
    .selectFrom('commission_payees')
    .leftJoin('users', 'users.id', 'commission_payees.user_id')
    .leftJoin('partners', 'partners.id', 'commission_payees.partner_id')
    .leftJoin('commission_plan_versions as ack', 'ack.id', 'commission_payees.acknowledged_version_id')
    .selectAll('commission_payees')
    .select([
      sql<string>`coalesce(users.display_name, partners.name)`.as('payee_name'),
      'ack.version as acknowledged_version',
    ])
    .where('commission_payees.plan_id', '=', planId);
  if (actor) q = q.where(visible('commission_payee', actor));
  if (payeeId) q = q.where('commission_payees.id', '=', payeeId);
  return q.orderBy('commission_payees.created_at').orderBy('commission_payees.id').execute();
}
export type PayeeRow = Awaited<ReturnType<typeof payeesOf>>[number];

/** Which of `ids` are payees of the plan. */
export async function payeeIdsOf(db: Executor, planId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('commission_payees')
    .select('id')
    .where('plan_id', '=', planId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The payee, if the actor may see it. */
export async function visiblePayee(db: Executor, actor: Actor, payeeId: string) {
  return db
    .selectFrom('commission_payees')
    .selectAll('commission_payees')
    .where('commission_payees.id', '=', payeeId)
    .where(visible('commission_payee', actor))
    .executeTakeFirst();
}

export async function lockPayee(db: Executor, payeeId: string) {
  return db
    .selectFrom('commission_payees')
    .selectAll()
    .where('id', '=', payeeId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setEndDate(db: Executor, payeeId: string, endDate: string | null) {
  await db.updateTable('commission_payees').set({ end_date: endDate }).where('id', '=', payeeId).execute();
}

export async function acknowledge(db: Executor, payeeId: string, versionId: string) {
  await db
    .updateTable('commission_payees')
    .set({ acknowledged_version_id: versionId, acknowledged_at: sql<string>`now()` })
    .where('id', '=', payeeId)
    .execute();
}

/** Whether an internal user (not a partner's) or a partner exists. */
export async function payeeExists(db: Executor, payee: { userId?: string; partnerId?: string }) {
  const row = payee.userId
    ? await db
        .selectFrom('users')
        .select('id')
        .where('id', '=', payee.userId)
        .where('partner_id', 'is', null)
        .executeTakeFirst()
    : await db.selectFrom('partners').select('id').where('id', '=', payee.partnerId!).executeTakeFirst();
  return row !== undefined;
}

/** The plan's latest published version (by number). */
export async function latestPublished(db: Executor, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('commission_plan_versions')
    .select(['id', 'plan_id', 'version', 'effective_from'])
    .distinctOn('plan_id')
    .where('plan_id', 'in', [...new Set(planIds)])
    .where('status', '=', 'published')
    .orderBy('plan_id')
    .orderBy('version', 'desc')
    .execute();
}

/** The caller's own places on plans: as the user paid, or as one of the partner paid. */
export async function ownPayees(db: Executor, actor: Actor) {
  return db
    .selectFrom('commission_payees')
    .innerJoin('commission_plans', 'commission_plans.id', 'commission_payees.plan_id')
    .leftJoin('commission_plan_versions as ack', 'ack.id', 'commission_payees.acknowledged_version_id')
    .selectAll('commission_payees')
    .select(['commission_plans.code', 'commission_plans.name', 'ack.version as acknowledged_version'])
    .where((eb) =>
      actor.partnerId
        ? eb('commission_payees.partner_id', '=', actor.partnerId)
        : eb('commission_payees.user_id', '=', actor.id),
    )
    .orderBy('commission_plans.code')
    .execute();
}
