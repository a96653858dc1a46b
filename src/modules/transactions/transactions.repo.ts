import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { TransactionTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';
import type { CreditFacts, Holder, TeamMember } from './credit.js';
import type { Rate } from './exchange.js';
import type { ListCreditQuery, ListTransactionsQuery } from './transactions.schema.js';

/** SQL for transactions, exchange rates, splits and credit lines — nothing else. */

export async function orgSettings(db: Executor) {
  return db.selectFrom('organization').select(['currency', 'time_zone']).executeTakeFirstOrThrow();
}

// ---- exchange rates

export async function upsertRate(
  db: Executor,
  row: { base: string; quote: string; on_date: string; rate: string; set_by: string | null },
) {
  const before = await db
    .selectFrom('exchange_rates')
    .select(sql<string>`rate::text`.as('rate'))
    .where('base', '=', row.base)
    .where('quote', '=', row.quote)
    .where('on_date', '=', row.on_date)
    .forUpdate()
    .executeTakeFirst();
  const saved = await db
    .insertInto('exchange_rates')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['base', 'quote', 'on_date']).doUpdateSet({
        rate: (eb) => eb.ref('excluded.rate'),
        set_by: (eb) => eb.ref('excluded.set_by'),
        set_at: sql<string>`now()`,
      }),
    )
    .returning(['id', 'base', 'quote', 'on_date', sql<string>`rate::text`.as('rate'), 'set_at'])
    .executeTakeFirstOrThrow();
  return { before: before?.rate ?? null, saved };
}

export async function listRates(db: Executor, filter: { base?: string; quote?: string }, page: Page) {
  let q = db.selectFrom('exchange_rates');
  if (filter.base) q = q.where('base', '=', filter.base);
  if (filter.quote) q = q.where('quote', '=', filter.quote);
  const [items, total] = await Promise.all([
    q
      .select(['base', 'quote', 'on_date', sql<string>`rate::text`.as('rate'), 'set_at'])
      .orderBy('base')
      .orderBy('quote')
      .orderBy('on_date', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Every rate between two currencies (either direction) on or before `date`: few rows per pair. */
export async function ratesBetween(db: Executor, a: string, b: string, date: string): Promise<Rate[]> {
  const rows = await db
    .selectFrom('exchange_rates')
    .select(['base', 'quote', 'on_date', sql<string>`rate::text`.as('rate')])
    .where((eb) =>
      eb.or([
        eb.and([eb('base', '=', a), eb('quote', '=', b)]),
        eb.and([eb('base', '=', b), eb('quote', '=', a)]),
      ]),
    )
    .where('on_date', '<=', date)
    .orderBy('on_date', 'desc')
    .limit(2)
    .execute();
  return rows.map((r) => ({ base: r.base, quote: r.quote, onDate: r.on_date, rate: r.rate }));
}

// ---- customers and products

export async function accountById(db: Executor, id: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'legal_name', 'status', 'merged_into'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function accountsByUscc(db: Executor, uscc: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'legal_name'])
    .where('uscc', '=', uscc.toUpperCase())
    .where('status', '=', 'active')
    .limit(2)
    .execute();
}

export async function productsByIdsOrCodes(db: Executor, ids: string[], codes: string[]) {
  if (ids.length === 0 && codes.length === 0) return [];
  return db
    .selectFrom('products')
    .select(['id', 'code', 'name'])
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb('id', 'in', ids)] : []),
        ...(codes.length
          ? [
              eb(
                sql<string>`lower(code)`,
                'in',
                codes.map((c) => c.toLowerCase()),
              ),
            ]
          : []),
      ]),
    )
    .execute();
}

// ---- transactions

export type TransactionRow = Awaited<ReturnType<typeof transactionsByIds>>[number];

const transactionColumns = [
  'transactions.id',
  'transactions.chain_id',
  'transactions.external_id',
  'transactions.version',
  'transactions.kind',
  'transactions.account_id',
  'accounts.legal_name',
  'transactions.currency',
  'transactions.gross_minor',
  'transactions.discount_minor',
  'transactions.net_minor',
  'transactions.margin_minor',
  'transactions.transaction_date',
  'transactions.invoice_date',
  'transactions.paid_date',
  'transactions.base_currency',
  'transactions.base_net_minor',
  'transactions.rate_date',
  'transactions.content_hash',
  'transactions.source',
  'transactions.supersedes_id',
  'transactions.superseded_by',
  'transactions.correction_reason',
  'transactions.created_at',
] as const;

export async function transactionsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('transactions')
    .innerJoin('accounts', 'accounts.id', 'transactions.account_id')
    .select(transactionColumns)
    .select(sql<string>`transactions.rate::text`.as('rate'))
    .where('transactions.id', 'in', ids)
    .execute();
}

/** The current versions of these external ids, locked (the caller holds their advisory keys). */
export async function lockCurrent(db: Executor, externalIds: readonly string[]) {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom('transactions')
    .select([
      'id',
      'chain_id',
      'external_id',
      'version',
      'content_hash',
      'kind',
      'net_minor',
      'transaction_date',
    ])
    .where('external_id', 'in', externalIds)
    .where('superseded_by', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** A transaction version as written: the table's columns, its id chosen by the caller (the chain links to it). */
export type NewTransaction = Omit<Insertable<TransactionTable>, 'id' | 'customer_ref' | 'created_at'> & {
  id: string;
  customer_ref: unknown;
};

export async function insertTransaction(db: Executor, row: NewTransaction) {
  await db
    .insertInto('transactions')
    .values({ ...row, customer_ref: JSON.stringify(row.customer_ref) })
    .execute();
}

export async function markSuperseded(db: Executor, id: string, by: string) {
  await db.updateTable('transactions').set({ superseded_by: by }).where('id', '=', id).execute();
}

export async function insertLines(
  db: Executor,
  rows: {
    transaction_id: string;
    line_no: number;
    product_id: string;
    quantity: number;
    gross_minor: string;
    discount_minor: string;
    net_minor: string;
    margin_minor: string | null;
  }[],
) {
  if (rows.length) await db.insertInto('transaction_lines').values(rows).execute();
}

export async function linesOf(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('transaction_lines')
    .innerJoin('products', 'products.id', 'transaction_lines.product_id')
    .select([
      'transaction_lines.transaction_id',
      'transaction_lines.line_no',
      'transaction_lines.product_id',
      'products.code',
      'products.name',
      'transaction_lines.quantity',
      'transaction_lines.gross_minor',
      'transaction_lines.discount_minor',
      'transaction_lines.net_minor',
      'transaction_lines.margin_minor',
    ])
    .where('transaction_lines.transaction_id', 'in', ids)
    .orderBy('transaction_lines.transaction_id')
    .orderBy('transaction_lines.line_no')
    .execute();
}

export async function versionsOf(db: Executor, chainId: string) {
  return db
    .selectFrom('transactions')
    .select(['id', 'version', 'created_at', 'correction_reason'])
    .where('chain_id', '=', chainId)
    .orderBy('version')
    .execute();
}

export async function listTransactions(db: Executor, actor: Actor, query: ListTransactionsQuery) {
  let q = db
    .selectFrom('transactions')
    .where(visible('transaction', actor))
    .where('transactions.superseded_by', 'is', null);
  if (query.q) q = q.where('transactions.external_id', 'like', `${query.q.replace(/[\\%_]/g, '\\$&')}%`);
  if (query.kind) q = q.where('transactions.kind', '=', query.kind);
  if (query.accountId) q = q.where('transactions.account_id', '=', query.accountId);
  if (query.from) q = q.where('transactions.transaction_date', '>=', query.from);
  if (query.to) q = q.where('transactions.transaction_date', '<=', query.to);
  const [rows, total] = await Promise.all([
    q
      .select('transactions.id')
      .orderBy('transactions.transaction_date', 'desc')
      .orderBy('transactions.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(total.n) };
}

export async function visibleTransaction(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('transactions')
    .select(['transactions.id', 'transactions.chain_id'])
    .where('transactions.id', '=', id)
    .where(visible('transaction', actor))
    .executeTakeFirst();
}

export async function lockTransaction(db: Executor, id: string) {
  return db
    .selectFrom('transactions')
    .select(['id', 'chain_id', 'superseded_by', 'net_minor', 'currency', 'transaction_date', 'account_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

// ---- the ownership ledger as of an instant

/**
 * Who held the customer at `at`, its account team then, and the partner's registration behind a partner
 * hold: read-only queries on the ownership ledger (claims are never edited, only ended), so the answer for
 * a past instant does not change when the customer moves later.
 */
export async function creditFactsAt(
  db: Executor,
  accountId: string,
  at: string,
  date: string,
): Promise<CreditFacts> {
  const claim = await db
    .selectFrom('ownership_claims')
    .select(['id', 'holder', 'user_id', 'partner_id', 'started_at'])
    .where('account_id', '=', accountId)
    .where('started_at', '<', at)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', at)]))
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  let holder: Holder;
  if (claim?.holder === 'user' && claim.user_id)
    holder = { type: 'user', userId: claim.user_id, claimId: claim.id, since: claim.started_at };
  else if (claim?.holder === 'partner' && claim.partner_id) {
    const registration = await db
      .selectFrom('registrations')
      .select('id')
      .where('account_id', '=', accountId)
      .where('partner_id', '=', claim.partner_id)
      .where('decided_at', '<', at)
      .where('status', 'in', ['approved', 'won', 'expired', 'lost', 'withdrawn'])
      .orderBy('decided_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    holder = {
      type: 'partner',
      partnerId: claim.partner_id,
      claimId: claim.id,
      since: claim.started_at,
      registrationId: registration?.id ?? null,
    };
  } else holder = { type: 'none', claimId: claim?.id ?? null, holder: claim?.holder ?? null };
  const team = await db
    .selectFrom('account_team')
    .select(['user_id', 'role', 'credit_bp', 'added_at', 'until'])
    .where('account_id', '=', accountId)
    .where('added_at', '<', at)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', at)]))
    .orderBy('added_at')
    .orderBy('user_id')
    .execute();
  return {
    at,
    date,
    holder,
    team: team.map((m): TeamMember => ({
      userId: m.user_id,
      role: m.role,
      creditBp: m.credit_bp,
      addedAt: m.added_at,
      until: m.until,
    })),
  };
}

// ---- credit lines and splits

export async function insertCreditLines(
  db: Executor,
  rows: {
    transaction_id: string;
    position: number;
    payee_type: 'user' | 'partner' | 'unassigned';
    user_id: string | null;
    partner_id: string | null;
    role: string;
    overlay: boolean;
    share_bp: number;
    amount_minor: string;
    currency: string;
    source: 'owner_claim' | 'partner_registration' | 'account_team' | 'manual_split' | 'no_holder';
    source_id: string | null;
    evidence: unknown;
    decision_id: string;
  }[],
) {
  if (rows.length)
    await db
      .insertInto('credit_lines')
      .values(rows.map((r) => ({ ...r, evidence: JSON.stringify(r.evidence) })))
      .execute();
}

export async function supersedeCredit(db: Executor, transactionId: string) {
  await db
    .updateTable('credit_lines')
    .set({ superseded_at: sql<string>`now()` })
    .where('transaction_id', '=', transactionId)
    .where('superseded_at', 'is', null)
    .execute();
}

const creditColumns = [
  'credit_lines.id',
  'credit_lines.transaction_id',
  'credit_lines.position',
  'credit_lines.payee_type',
  'credit_lines.user_id',
  'credit_lines.partner_id',
  'credit_lines.role',
  'credit_lines.overlay',
  'credit_lines.share_bp',
  'credit_lines.amount_minor',
  'credit_lines.currency',
  'credit_lines.source',
  'credit_lines.source_id',
  'credit_lines.evidence',
  'credit_lines.decision_id',
  'credit_lines.superseded_at',
  'users.display_name',
  'partners.account_id as partner_account_id',
] as const;

export type CreditRow = Awaited<ReturnType<typeof creditOf>>[number];

export async function creditOf(db: Executor, transactionIds: readonly string[], current = true) {
  if (transactionIds.length === 0) return [];
  let q = db
    .selectFrom('credit_lines')
    .leftJoin('users', 'users.id', 'credit_lines.user_id')
    .leftJoin('partners', 'partners.id', 'credit_lines.partner_id')
    .leftJoin('accounts', 'accounts.id', 'partners.account_id')
    .select(creditColumns)
    .select('accounts.legal_name as partner_name')
    .where('credit_lines.transaction_id', 'in', transactionIds);
  if (current) q = q.where('credit_lines.superseded_at', 'is', null);
  return q.orderBy('credit_lines.created_at').orderBy('credit_lines.position').execute();
}

export async function listCredit(db: Executor, actor: Actor, query: ListCreditQuery) {
  let q = db
    .selectFrom('credit_lines')
    .innerJoin('transactions', 'transactions.id', 'credit_lines.transaction_id')
    .where(visible('credit_line', actor))
    .where('credit_lines.superseded_at', 'is', null)
    .where('transactions.superseded_by', 'is', null);
  if (query.userId) q = q.where('credit_lines.user_id', '=', query.userId);
  if (query.partnerId) q = q.where('credit_lines.partner_id', '=', query.partnerId);
  if (query.from) q = q.where('transactions.transaction_date', '>=', query.from);
  if (query.to) q = q.where('transactions.transaction_date', '<=', query.to);
  const [rows, total] = await Promise.all([
    q
      .leftJoin('users', 'users.id', 'credit_lines.user_id')
      .leftJoin('partners', 'partners.id', 'credit_lines.partner_id')
      .leftJoin('accounts', 'accounts.id', 'partners.account_id')
      .select(creditColumns)
      .select([
        'accounts.legal_name as partner_name',
        'transactions.external_id',
        'transactions.kind',
        'transactions.transaction_date',
      ])
      .orderBy('transactions.transaction_date', 'desc')
      .orderBy('credit_lines.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertSplit(
  db: Executor,
  row: { transaction_id: string; chain_id: string; lines: unknown; reason: string; entered_by: string },
) {
  return db
    .insertInto('credit_splits')
    .values({ ...row, lines: JSON.stringify(row.lines) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function splitTransaction(db: Executor, splitId: string) {
  return db
    .selectFrom('credit_splits')
    .innerJoin('transactions', 'transactions.id', 'credit_splits.transaction_id')
    .select('transactions.external_id')
    .where('credit_splits.id', '=', splitId)
    .executeTakeFirst();
}

export async function lockSplit(db: Executor, id: string) {
  return db.selectFrom('credit_splits').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideSplit(
  db: Executor,
  id: string,
  set: {
    status: 'approved' | 'rejected';
    decided_by: string;
    decision_note: string | null;
    decision_id: string | null;
  },
) {
  return db
    .updateTable('credit_splits')
    .set({ ...set, decided_at: sql<string>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function splitsOfChain(db: Executor, chainId: string) {
  return db
    .selectFrom('credit_splits')
    .selectAll()
    .where('chain_id', '=', chainId)
    .orderBy('entered_at')
    .execute();
}

export async function latestApprovedSplit(db: Executor, chainId: string) {
  return db
    .selectFrom('credit_splits')
    .selectAll()
    .where('chain_id', '=', chainId)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listSplits(db: Executor, status: string | undefined, page: Page) {
  let q = db.selectFrom('credit_splits');
  if (status) q = q.where('status', '=', status as 'pending');
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('entered_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function payeesExist(db: Executor, userIds: string[], partnerIds: string[]) {
  const [users, partners] = await Promise.all([
    userIds.length
      ? db
          .selectFrom('users')
          .select('id')
          .where('id', 'in', userIds)
          .where('partner_id', 'is', null)
          .execute()
      : [],
    partnerIds.length ? db.selectFrom('partners').select('id').where('id', 'in', partnerIds).execute() : [],
  ]);
  return { users: new Set(users.map((u) => u.id)), partners: new Set(partners.map((p) => p.id)) };
}
