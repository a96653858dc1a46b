import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { OpportunityTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { ListOpportunitiesQuery } from './opportunities.schema.js';

export type OpportunityRow = Selectable<OpportunityTable>;

export async function insertOpportunity(
  db: Executor,
  row: {
    account_id: string;
    owner_id: string | null;
    name: string;
    stage: string;
    amount_minor: string;
    currency: string;
    expected_close: string | null;
    created_by: string | null;
  },
  lines: readonly { productId: string; quantity: number }[],
) {
  // The deal and its lines in one statement; positions follow the order given.
  return db
    .with('inserted', (q) => q.insertInto('opportunities').values(row).returningAll())
    .with('lined', (q) =>
      q
        .insertInto('opportunity_lines')
        .columns(['opportunity_id', 'position', 'product_id', 'quantity'])
        .expression(
          sql`select i.id, l.n - 1, l.product_id, l.quantity
            from unnest(${lines.map((l) => l.productId)}::uuid[], ${lines.map((l) => l.quantity)}::int[])
              with ordinality as l(product_id, quantity, n)
            cross join inserted i`,
        ),
    )
    .selectFrom('inserted')
    .selectAll()
    .executeTakeFirstOrThrow();
}

export async function replaceLines(
  db: Executor,
  opportunityId: string,
  lines: readonly { productId: string; quantity: number }[],
) {
  await db.deleteFrom('opportunity_lines').where('opportunity_id', '=', opportunityId).execute();
  await insertLines(db, opportunityId, lines);
}

/** The lines of an opportunity that has none yet (a new one): no delete to send first. */
export async function insertLines(
  db: Executor,
  opportunityId: string,
  lines: readonly { productId: string; quantity: number }[],
) {
  if (lines.length === 0) return;
  await db
    .insertInto('opportunity_lines')
    .values(
      lines.map((l, position) => ({
        opportunity_id: opportunityId,
        position,
        product_id: l.productId,
        quantity: l.quantity,
      })),
    )
    .execute();
}

export async function linesOf(db: Executor, opportunityIds: readonly string[]) {
  if (opportunityIds.length === 0) return [];
  return db
    .selectFrom('opportunity_lines')
    .innerJoin('products', 'products.id', 'opportunity_lines.product_id')
    .select([
      'opportunity_lines.opportunity_id',
      'opportunity_lines.product_id',
      'opportunity_lines.quantity',
      'products.code',
      'products.name',
    ])
    .where('opportunity_lines.opportunity_id', 'in', [...opportunityIds])
    .orderBy('opportunity_lines.opportunity_id')
    .orderBy('opportunity_lines.position')
    .execute();
}

/** An opportunity the actor may see; locked for a change when `lock` is set. */
export async function findVisibleOpportunity(db: Executor, actor: Actor, id: string, lock = false) {
  const query = db
    .selectFrom('opportunities')
    .selectAll('opportunities')
    .where(visible('opportunity', actor))
    .where('opportunities.id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateOpportunity(
  db: Executor,
  id: string,
  patch: Partial<{
    name: string;
    stage: string;
    status: 'open' | 'won' | 'lost';
    amount_minor: string;
    currency: string;
    expected_close: string | null;
    closed_at: string;
    lost_reason: string;
  }>,
) {
  return db
    .updateTable('opportunities')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listVisibleOpportunities(
  db: Executor,
  actor: Actor,
  filter: Pick<ListOpportunitiesQuery, 'accountId' | 'status' | 'mine'>,
  page: Page,
) {
  let query = db.selectFrom('opportunities').where(visible('opportunity', actor));
  if (filter.accountId) query = query.where('opportunities.account_id', '=', filter.accountId);
  if (filter.status) query = query.where('opportunities.status', '=', filter.status);
  if (filter.mine) query = query.where('opportunities.owner_id', '=', actor.id);
  const [items, count] = await Promise.all([
    query
      .selectAll('opportunities')
      .orderBy((eb) => eb.case().when('opportunities.status', '=', 'open').then(0).else(1).end())
      .orderBy('opportunities.created_at', 'desc')
      .orderBy('opportunities.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** An active user, for an owner named in a request. */
export async function activeUser(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
}
