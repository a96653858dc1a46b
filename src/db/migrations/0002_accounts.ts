import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table accounts (
      id uuid primary key default gen_random_uuid(),
      legal_name text not null check (length(legal_name) between 1 and 200),
      aliases text[] not null default '{}',
      english_name text,
      -- as typed (upper-cased); uscc_valid says whether its check character holds
      uscc text,
      uscc_valid boolean not null default false,
      phones text[] not null default '{}',
      emails text[] not null default '{}',
      website text,
      province text,
      city text,
      district text,
      street text,
      industry text,
      size text check (size in ('micro', 'small', 'medium', 'large', 'enterprise')),
      source text,
      tags text[] not null default '{}',
      parent_id uuid references accounts(id),
      is_branch boolean not null default false,
      -- provisional owner of record (the creator) until the ownership module assigns owners by rule
      owner_id uuid references users(id),
      partner_id uuid,
      status text not null default 'active' check (status in ('active', 'archived', 'merged')),
      merged_into uuid references accounts(id),
      -- matching features computed at write time, so checks compare without re-normalising
      features jsonb not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (parent_id is null or parent_id <> id)
    );
    -- One active account per valid USCC, whatever races: the database decides.
    create unique index accounts_uscc_active on accounts (uscc) where uscc_valid and status = 'active';
    create index accounts_owner on accounts (owner_id) where status = 'active';
    create index accounts_partner on accounts (partner_id) where partner_id is not null;
    create index accounts_parent on accounts (parent_id) where parent_id is not null;

    -- Blocking keys: candidates for a check come from equality lookups on this table only.
    create table account_match_keys (
      key text not null,
      account_id uuid not null references accounts(id) on delete cascade,
      primary key (key, account_id)
    );
    create index account_match_keys_account on account_match_keys (account_id);

    create table contacts (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id),
      name text not null check (length(name) between 1 and 100),
      mobile text,
      email text,
      title text,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index contacts_account on contacts (account_id);
    create index contacts_mobile on contacts (mobile) where mobile is not null;
    create index contacts_email on contacts (lower(email)) where email is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table contacts, account_match_keys, accounts`.execute(db);
}
