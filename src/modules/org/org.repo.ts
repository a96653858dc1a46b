import type { Executor } from '../../db/database.js';

export async function readOrganization(db: Executor, lock = false) {
  const query = db.selectFrom('organization').selectAll().where('id', '=', 1);
  return (lock ? query.forUpdate() : query).executeTakeFirstOrThrow();
}

export async function updateOrganization(
  db: Executor,
  patch: Partial<{
    name: string;
    time_zone: string;
    currency: string;
    default_language: string;
    match_same: number;
    match_possible: number;
    reveal_owner_on_conflict: boolean;
  }>,
) {
  return db
    .updateTable('organization')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', 1)
    .returningAll()
    .executeTakeFirstOrThrow();
}
