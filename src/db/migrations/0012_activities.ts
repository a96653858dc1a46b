import { sql, type Kysely } from 'kysely';

/**
 * Opportunities get their products, and quotes arrive (商机, 报价), with the alert two parties quoting one
 * customer or group at once raise.
 *
 * - `product_lines` and `products`: a small catalogue with codes and list prices in minor units (the channel
 *   issue extends it). Codes are unique without regard to case.
 * - `opportunity_lines`: which products an opportunity is about, and how many.
 * - `quotes` and `quote_lines`: amounts in integer minor units, each line's total computed from quantity,
 *   unit price and a discount in basis points, the quote's total their sum; the validity window as business
 *   dates; the party that quoted (the sender's team, or its partner) is fixed when it is sent.
 * - `overlap_alerts`: two different parties quoting the same customer or group in overlapping windows. One row
 *   per pair of quotes (the later one first), whichever was sent second found it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table product_lines (
      id uuid primary key default gen_random_uuid(),
      code text not null,
      name_zh text not null,
      name_en text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index product_lines_code on product_lines (lower(code));

    create table products (
      id uuid primary key default gen_random_uuid(),
      code text not null,
      name text not null,
      product_line_id uuid not null references product_lines(id),
      list_price_minor bigint not null check (list_price_minor >= 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index products_code on products (lower(code));
    create index products_line on products (product_line_id);

    create table opportunity_lines (
      opportunity_id uuid not null references opportunities(id),
      position int not null check (position >= 0),
      product_id uuid not null references products(id),
      quantity int not null check (quantity > 0),
      primary key (opportunity_id, position)
    );

    create table quotes (
      id uuid primary key default gen_random_uuid(),
      opportunity_id uuid not null references opportunities(id),
      account_id uuid not null references accounts(id),
      status text not null default 'draft' check (status in ('draft', 'sent', 'accepted', 'rejected')),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      total_minor bigint not null check (total_minor >= 0),
      valid_from date not null,
      valid_until date not null,
      note text,
      team_id uuid references teams(id),
      partner_id uuid,
      created_by uuid references users(id),
      sent_at timestamptz,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (valid_until >= valid_from)
    );
    create index quotes_opportunity on quotes (opportunity_id, created_at desc);
    create index quotes_account_window on quotes (account_id, valid_until) where status in ('sent', 'accepted');

    create table quote_lines (
      quote_id uuid not null references quotes(id),
      position int not null check (position >= 0),
      product_id uuid not null references products(id),
      quantity int not null check (quantity > 0),
      unit_price_minor bigint not null check (unit_price_minor >= 0),
      discount_bp int not null default 0 check (discount_bp between 0 and 10000),
      total_minor bigint not null check (total_minor >= 0),
      primary key (quote_id, position)
    );

    create table overlap_alerts (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('quote.concurrent')),
      account_id uuid not null references accounts(id),
      other_account_id uuid not null references accounts(id),
      quote_id uuid not null references quotes(id),
      other_quote_id uuid not null references quotes(id),
      team_id uuid references teams(id),
      partner_id uuid,
      other_team_id uuid references teams(id),
      other_partner_id uuid,
      window_from date not null,
      window_until date not null,
      created_at timestamptz not null default now(),
      unique (quote_id, other_quote_id),
      check (window_until >= window_from)
    );
    create index overlap_alerts_created on overlap_alerts (created_at desc);
  `.execute(db);
}
