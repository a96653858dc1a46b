import type { Executor } from '../../db/database.js';

/** Names for replies: only ever called with ids the caller was found to see (`visibleIds`). */
export async function userNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((u) => [u.id, u.display_name]));
}

export async function accountNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'legal_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((a) => [a.id, a.legal_name]));
}

export async function teamNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((t) => [t.id, t.name]));
}

/** The organisation's time zone: validity dates are business dates there. */
export async function orgTimeZone(db: Executor): Promise<string> {
  const row = await db.selectFrom('organization').select('time_zone').executeTakeFirstOrThrow();
  return row.time_zone;
}
