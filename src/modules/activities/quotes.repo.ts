import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { OverlapAlertTable, QuoteTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { QuoteFacts } from './quote-overlap.js';

export type QuoteRow = Selectable<QuoteTable>;
export type OverlapAlertRow = Selectable<OverlapAlertTable>;

export async function insertQuote(
  db: Executor,
  row: {
    opportunity_id: string;
    account_id: string;
    currency: string;
    total_minor: string;
    valid_from: string;
    valid_until: string;
    note: string | null;
    created_by: string | null;
  },
  lines: readonly {
    product_id: string;
    quantity: number;
    unit_price_minor: string;
    discount_bp: number;
    total_minor: string;
  }[],
) {
  const quote = await db.insertInto('quotes').values(row).returningAll().executeTakeFirstOrThrow();
  await db
    .insertInto('quote_lines')
    .values(lines.map((l, position) => ({ ...l, quote_id: quote.id, position })))
    .execute();
  return quote;
}

export async function findVisibleQuote(db: Executor, actor: Actor, id: string, lock = false) {
  const query = db
    .selectFrom('quotes')
    .selectAll('quotes')
    .where(visible('quote', actor))
    .where('quotes.id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateQuote(
  db: Executor,
  id: string,
  patch: Partial<Pick<QuoteRow, 'status' | 'sent_at' | 'decided_at' | 'team_id' | 'partner_id'>>,
) {
  return db
    .updateTable('quotes')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listVisibleQuotes(
  db: Executor,
  actor: Actor,
  filter: { opportunityId?: string | undefined },
  page: Page,
) {
  let query = db.selectFrom('quotes').where(visible('quote', actor));
  if (filter.opportunityId) query = query.where('quotes.opportunity_id', '=', filter.opportunityId);
  const [items, count] = await Promise.all([
    query
      .selectAll('quotes')
      .orderBy('quotes.created_at', 'desc')
      .orderBy('quotes.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function linesOf(db: Executor, quoteIds: readonly string[]) {
  if (quoteIds.length === 0) return [];
  return db
    .selectFrom('quote_lines')
    .innerJoin('products', 'products.id', 'quote_lines.product_id')
    .select([
      'quote_lines.quote_id',
      'quote_lines.product_id',
      'quote_lines.quantity',
      'quote_lines.unit_price_minor',
      'quote_lines.discount_bp',
      'quote_lines.total_minor',
      'products.code',
      'products.name',
    ])
    .where('quote_lines.quote_id', 'in', [...quoteIds])
    .orderBy('quote_lines.quote_id')
    .orderBy('quote_lines.position')
    .execute();
}

/** The group a customer belongs to: its parent, or itself. */
export async function groupOf(db: Executor, accountId: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select(sql<string>`coalesce(parent_id, id)::text`.as('group_id'))
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return row.group_id;
}

/** Quotes sent on any customer of the group whose windows reach into [from, until]. */
export async function sentQuotesInGroup(
  db: Executor,
  groupId: string,
  window: { from: string; until: string },
): Promise<QuoteFacts[]> {
  const rows = await db
    .selectFrom('quotes')
    .innerJoin('accounts', 'accounts.id', 'quotes.account_id')
    .select([
      'quotes.id',
      'quotes.account_id',
      'quotes.team_id',
      'quotes.partner_id',
      'quotes.created_by',
      'quotes.valid_from',
      'quotes.valid_until',
    ])
    .select(sql<string>`coalesce(accounts.parent_id, accounts.id)::text`.as('group_id'))
    .where(sql`coalesce(accounts.parent_id, accounts.id)`, '=', groupId)
    .where('quotes.status', 'in', ['sent', 'accepted', 'rejected'])
    .where('quotes.valid_until', '>=', window.from)
    .where('quotes.valid_from', '<=', window.until)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    groupId: r.group_id,
    teamId: r.team_id,
    partnerId: r.partner_id,
    createdBy: r.created_by,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
  }));
}

export async function insertAlert(db: Executor, row: Omit<OverlapAlertRow, 'id' | 'created_at'>) {
  return db
    .insertInto('overlap_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['quote_id', 'other_quote_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function listVisibleAlerts(db: Executor, actor: Actor, page: Page) {
  const query = db.selectFrom('overlap_alerts').where(visible('overlap_alert', actor));
  const [items, count] = await Promise.all([
    query
      .selectAll('overlap_alerts')
      .orderBy('overlap_alerts.created_at', 'desc')
      .orderBy('overlap_alerts.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
