import { sql, type Kysely } from 'kysely';

/**
 * Deal registration (商机报备): a partner registers an end customer and a deal; the first valid registration
 * of a customer (or of a customer × product line, by setting) is protected.
 *
 * - `registration_settings`: one row, the organisation's rules until partner tiers arrive — protection days,
 *   whether protection is per customer or per customer × product line, the amount up to which a clean
 *   registration is approved without a reviewer, the minimum deal, the days a direct rep's follow-up keeps a
 *   customer from partners, approval steps by deal size, the longest extension, availability lookups allowed
 *   per user and minute.
 * - `registrations`: the end customer as typed (`customer`: what the accounts module takes) with its
 *   matching features, the deal (lines with quantities and amounts, amount in minor units and currency,
 *   expected close, stage, competitors, customer contact), the status, the account once matched or admitted,
 *   the opportunity once approved, the protection end (an organisation-local date), approvals given so far
 *   and an extension asked for.
 * - `registration_protections`: which registration holds a customer (`customer_key`: the account, or the
 *   registration that first brought a not yet admitted customer) for a product line (`line_key`, `*` when
 *   protection is per customer). The partial unique index on held rows is the database's last word on
 *   "first valid registration wins": two writers that both got past their checks cannot both hold it.
 * - `registration_match_keys`: the blocking keys of registrations that hold a customer, so a registration
 *   of a customer nobody admitted yet is found by the next one, as accounts are.
 * - `registration_lookups`: availability lookups per user and minute (the rate limit, shared by all nodes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table registration_settings (
      id int primary key default 1 check (id = 1),
      protection_scope text not null default 'customer'
        check (protection_scope in ('customer', 'customer_product_line')),
      currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
      auto_approve_max_minor bigint check (auto_approve_max_minor >= 0),
      minimum_amount_minor bigint not null default 0 check (minimum_amount_minor >= 0),
      direct_follow_up_days int not null default 30 check (direct_follow_up_days between 0 and 3650),
      approval_steps jsonb not null default '[{"fromMinor": "0", "steps": 1}]',
      extension_max_days int not null default 90 check (extension_max_days between 0 and 3650),
      lookups_per_minute int not null default 10 check (lookups_per_minute between 1 and 1000),
      updated_at timestamptz not null default now()
    );
    insert into registration_settings (id) values (1);

    create table registrations (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null references partners(id),
      submitted_by uuid not null references users(id),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'returned',
        'resubmitted', 'approved', 'rejected', 'withdrawn', 'expired', 'won', 'lost')),
      customer jsonb not null,
      legal_name text not null,
      region_code text,
      industry_code text,
      features jsonb not null,
      account_id uuid references accounts(id),
      opportunity_id uuid references opportunities(id),
      name text not null,
      lines jsonb not null default '[]',
      product_line_ids uuid[] not null default '{}',
      amount_minor bigint not null check (amount_minor >= 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      expected_close date not null,
      stage text not null,
      competitors text[] not null default '{}',
      customer_contact jsonb,
      note text,
      refusal jsonb,
      protected_until date,
      approvals jsonb not null default '[]',
      steps_required int not null default 1,
      extension jsonb,
      decision_id uuid,
      submitted_at timestamptz,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index registrations_partner on registrations (partner_id, created_at desc);
    create index registrations_status on registrations (status, created_at);
    create index registrations_account on registrations (account_id) where account_id is not null;
    create index registrations_due on registrations (protected_until)
      where status in ('submitted', 'returned', 'resubmitted', 'approved');

    create table registration_protections (
      registration_id uuid not null references registrations(id),
      customer_key text not null,
      line_key text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (registration_id, line_key)
    );
    create unique index registration_protections_held
      on registration_protections (customer_key, line_key) where active;

    create table registration_match_keys (
      registration_id uuid not null references registrations(id),
      key text not null,
      primary key (key, registration_id)
    );
    create index registration_match_keys_registration on registration_match_keys (registration_id);

    create table registration_lookups (
      user_id uuid not null references users(id),
      minute timestamptz not null,
      count int not null default 0,
      primary key (user_id, minute)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table registration_lookups, registration_match_keys, registration_protections, registrations,
      registration_settings;
  `.execute(db);
}
