import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** Open protected claims past their deadline, oldest first, skipping rows another sweeper holds. */
export async function dueClaims(db: Executor, now: string, limit: number) {
  return db
    .selectFrom('ownership_claims')
    .select(['id', 'account_id'])
    .where('ended_at', 'is', null)
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .limit(limit)
    .execute();
}

export async function overdueCount(db: Executor, now: string) {
  const row = await db
    .selectFrom('ownership_claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ended_at', 'is', null)
    .where('ends_at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Protected claims ending within the window, with whom to escalate to (the holder's manager). */
export async function claimsEndingBefore(db: Executor, from: string, until: string) {
  return db
    .selectFrom('ownership_claims as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      'c.id',
      'c.account_id',
      'c.ends_rule',
      'c.reminded_days',
      sql<string>`c.user_id`.as('user_id'),
      sql<string | null>`coalesce(u.manager_id, nullif(t.manager_id, u.id))`.as('manager_id'),
    ])
    .where('c.ended_at', 'is', null)
    .where('c.ends_at', '>', from)
    .where('c.ends_at', '<=', until)
    .execute();
}

export async function markReminded(db: Executor, rows: readonly { claimId: string; days: number[] }[]) {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.claimId}::uuid, ${sql.val(r.days)}::int[])`));
  await sql`
    update ownership_claims c set reminded_days = v.days
    from (values ${values}) as v (id, days) where c.id = v.id
  `.execute(db);
}
