import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { FollowUpTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';

export type FollowUpRow = Selectable<FollowUpTable>;

/** The account as the actor may see it, locked so its owner cannot change under the follow-up. */
export async function lockVisibleAccount(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('accounts')
    .select(['accounts.id', 'accounts.owner_id', 'accounts.status', 'accounts.created_at'])
    .where(visible('account', actor))
    .where('accounts.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findVisibleAccount(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('accounts')
    .select(['accounts.id', 'accounts.owner_id'])
    .where(visible('account', actor))
    .where('accounts.id', '=', id)
    .executeTakeFirst();
}

export async function insertFollowUp(
  db: Executor,
  row: Omit<FollowUpRow, 'id' | 'created_at' | 'location'> & { location: string | null },
): Promise<FollowUpRow> {
  return db.insertInto('follow_ups').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listFollowUps(db: Executor, actor: Actor, accountId: string, page: Page) {
  const query = db
    .selectFrom('follow_ups')
    .where(visible('follow_up', actor))
    .where('follow_ups.account_id', '=', accountId);
  const [items, counts] = await Promise.all([
    query
      .selectAll('follow_ups')
      .orderBy('follow_ups.at', 'desc')
      .orderBy('follow_ups.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn
          .sum<string | null>(eb.case().when('follow_ups.by_owner', '=', false).then(1).else(0).end())
          .as('others'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(counts.n), byOthers: Number(counts.others ?? 0) };
}
