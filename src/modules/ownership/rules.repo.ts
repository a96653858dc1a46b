import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RecoveryRuleTable } from '../../db/types.js';
import type { Work } from '../../kernel/index.js';
import { loadRecoveryContext, storeDeadlines } from './protection.js';

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

/** Re-dates every open protected claim under the rules as they now stand, in batches. */
export async function redateAll(w: Work) {
  const ctx = await loadRecoveryContext(w.tx);
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await w.tx
      .selectFrom('ownership_claims as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .select(['c.id', 'c.account_id', 'c.user_id', 'c.started_at', 'a.region_code', 'a.grade', 'a.won_at'])
      .where('c.ended_at', 'is', null)
      .where('c.kind', '=', 'protected')
      .where('c.holder', '=', 'user')
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    await storeDeadlines(
      w.tx,
      ctx,
      rows.map((r) => ({
        claimId: r.id,
        accountId: r.account_id,
        userId: r.user_id!,
        startedAt: r.started_at,
        regionCode: r.region_code,
        grade: r.grade,
        wonAt: r.won_at,
      })),
    );
  }
}
