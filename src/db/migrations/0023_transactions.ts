import { sql, type Kysely } from 'kysely';

/**
 * Sales transactions and the credit they earn (issue 13, items 1 and 2).
 *
 * - `exchange_rates`: one exact decimal rate per currency pair and business date (1 base = rate quote); the
 *   rate a conversion uses is the latest on or before the transaction date.
 * - `transactions`: orders, invoices, payments, returns and credit notes, one row per version of an
 *   external id. A corrected row is a new version (`version` + 1, `supersedes_id` naming the old one, which
 *   gets `superseded_by`, a mirror without a foreign key so the old row can be marked before the new one
 *   is inserted under the one-current index); nothing is overwritten. The partial unique index keeps one current version per
 *   external id. Amounts are integer minor units, signed: returns and credit notes carry negative gross and
 *   net (checked here too), everything else non-negative. The organisation-currency net, the rate and its
 *   date are stored with the row, so a later rate never changes a recorded conversion.
 * - `transaction_lines`: the products of a transaction with their own amounts; the transaction's amounts are
 *   their sums.
 * - `credit_splits`: manual splits (primary / assisting by share, overlay on top) entered by sales ops or
 *   finance, pending until another person approves them.
 * - `credit_lines`: who is credited how much of a transaction, each with where it came from (`source`,
 *   `source_id`, evidence codes with parameters) and the decision that wrote it. Lines are never edited:
 *   a manual split or a correction supersedes them (`superseded_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table exchange_rates (
      id uuid primary key default gen_random_uuid(),
      base text not null check (base ~ '^[A-Z]{3}$'),
      quote text not null check (quote ~ '^[A-Z]{3}$'),
      on_date date not null,
      rate numeric not null check (rate > 0),
      set_by uuid references users(id),
      set_at timestamptz not null default now(),
      check (base <> quote),
      unique (base, quote, on_date)
    );

    create table transactions (
      id uuid primary key default gen_random_uuid(),
      chain_id uuid not null,
      external_id text not null check (length(external_id) between 1 and 100),
      version int not null check (version >= 1),
      kind text not null check (kind in ('order', 'invoice', 'payment', 'return', 'credit_note')),
      account_id uuid not null references accounts(id),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      gross_minor bigint not null,
      discount_minor bigint not null,
      net_minor bigint not null,
      margin_minor bigint,
      transaction_date date not null,
      invoice_date date,
      paid_date date,
      base_currency text not null check (base_currency ~ '^[A-Z]{3}$'),
      base_net_minor bigint not null,
      rate numeric not null check (rate > 0),
      rate_date date,
      content_hash text not null,
      customer_ref jsonb not null,
      source text not null check (source in ('api', 'import')),
      supersedes_id uuid references transactions(id),
      superseded_by uuid,
      correction_reason text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (external_id, version),
      check (net_minor = gross_minor - discount_minor),
      check (case when kind in ('return', 'credit_note')
        then gross_minor <= 0 and net_minor <= 0 and discount_minor <= 0
        else gross_minor >= 0 and net_minor >= 0 and discount_minor >= 0 end)
    );
    create unique index transactions_current on transactions (external_id) where superseded_by is null;
    create index transactions_account on transactions (account_id, transaction_date);
    create index transactions_date on transactions (transaction_date, id) where superseded_by is null;
    create index transactions_chain on transactions (chain_id, version);

    create table transaction_lines (
      transaction_id uuid not null references transactions(id),
      line_no int not null check (line_no >= 1),
      product_id uuid not null references products(id),
      quantity int not null check (quantity >= 1),
      gross_minor bigint not null,
      discount_minor bigint not null,
      net_minor bigint not null,
      margin_minor bigint,
      primary key (transaction_id, line_no),
      check (net_minor = gross_minor - discount_minor)
    );
    create index transaction_lines_product on transaction_lines (product_id);

    create table credit_splits (
      id uuid primary key default gen_random_uuid(),
      transaction_id uuid not null references transactions(id),
      chain_id uuid not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      lines jsonb not null,
      reason text not null,
      entered_by uuid not null references users(id),
      entered_at timestamptz not null default now(),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_note text,
      decision_id uuid,
      check (decided_by is null or decided_by <> entered_by)
    );
    create unique index credit_splits_one_pending on credit_splits (chain_id) where status = 'pending';
    create index credit_splits_chain on credit_splits (chain_id, decided_at desc);

    create table credit_lines (
      id uuid primary key default gen_random_uuid(),
      transaction_id uuid not null references transactions(id),
      position int not null,
      payee_type text not null check (payee_type in ('user', 'partner', 'unassigned')),
      user_id uuid references users(id),
      partner_id uuid references partners(id),
      role text not null,
      overlay boolean not null default false,
      share_bp int not null check (share_bp between 0 and 10000),
      amount_minor bigint not null,
      currency text not null,
      source text not null check (source in ('owner_claim', 'partner_registration', 'account_team',
        'manual_split', 'no_holder')),
      source_id text,
      evidence jsonb not null,
      decision_id uuid not null,
      superseded_at timestamptz,
      created_at timestamptz not null default now(),
      check ((payee_type = 'user') = (user_id is not null)),
      check ((payee_type = 'partner') = (partner_id is not null))
    );
    create index credit_lines_transaction on credit_lines (transaction_id) where superseded_at is null;
    create index credit_lines_user on credit_lines (user_id, created_at) where user_id is not null;
    create index credit_lines_partner on credit_lines (partner_id, created_at) where partner_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table credit_lines, credit_splits, transaction_lines, transactions, exchange_rates;
  `.execute(db);
}
