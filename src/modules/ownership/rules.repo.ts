import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RecoveryRuleTable } from '../../db/types.js';

export async function listRules(db: Executor) {
  return db.selectFrom('recovery_rules').selectAll().orderBy('position').orderBy('name').execute();
}

export async function findRule(db: Executor, id: string) {
  return db.selectFrom('recovery_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertRule(db: Executor, row: Insertable<RecoveryRuleTable>) {
  return db.insertInto('recovery_rules').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRule(db: Executor, id: string, patch: Updateable<RecoveryRuleTable>) {
  return db
    .updateTable('recovery_rules')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Open protected claims held by people: what a deadline is kept on. */
export async function protectedCount(db: Executor) {
  const row = await db
    .selectFrom('ownership_claims')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ended_at', 'is', null)
    .where('kind', '=', 'protected')
    .where('holder', '=', 'user')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The accounts of the next open protected claims after claim `after`, in claim id order. */
export async function protectedAccountsAfter(db: Executor, after: string, limit: number) {
  const rows = await db
    .selectFrom('ownership_claims')
    .select(['id', 'account_id'])
    .where('ended_at', 'is', null)
    .where('kind', '=', 'protected')
    .where('holder', '=', 'user')
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return { accountIds: rows.map((r) => r.account_id), last: rows[rows.length - 1]?.id ?? null };
}

/** The latest re-dating job: what the rules page shows while deadlines are recomputed. */
export async function latestRedate(db: Executor) {
  return db
    .selectFrom('jobs')
    .select(['id', 'status', 'done', 'total', 'created_at', 'finished_at', 'last_error'])
    .where('kind', '=', 'ownership.redate')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
