import type { Executor } from '../../db/database.js';

/** Stores the touches not yet stored for this person and day; returns the new ones. */
export async function insertDuplicateTouches(
  db: Executor,
  userId: string,
  day: string,
  hits: readonly { accountId: string; holderId: string }[],
) {
  if (hits.length === 0) return [];
  return db
    .insertInto('overlap_touches')
    .values(
      hits.map((h) => ({
        kind: 'duplicate_check' as const,
        account_id: h.accountId,
        user_id: userId,
        holder_id: h.holderId,
        day,
      })),
    )
    .onConflict((oc) => oc.columns(['kind', 'account_id', 'user_id', 'day']).doNothing())
    .returning(['id', 'account_id', 'holder_id'])
    .execute();
}
