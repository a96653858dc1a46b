import { sql, type Kysely } from 'kysely';

/**
 * Who holds each customer, as a ledger rather than a field.
 *
 * - `ownership_claims`: one row per holding — a user (protected, long-term or locked), a team queue, a
 *   partner, or a pool — with its start, its end, the deadline that ends it unless something happens (and
 *   the recovery rule that set it), and the decision that made it. A partial unique index allows one open
 *   claim per account: two writers racing for one customer cannot both win. `accounts.owner_id`,
 *   `partner_id` and `pool_id` are projections of the open claim that only the ownership module writes.
 * - `pools` (公海) with their scope, members, admins and claim rules; `recovery_rules` that return a
 *   customer to a named pool after N days without a qualifying follow-up, opportunity or win.
 * - `account_team`: collaborators beside the owner with a role and a default credit share (basis points).
 * - `follow_ups` (the activity log recovery depends on) and a minimal `opportunities` table (direct-sales
 *   deals: stage, amount in minor units, won/lost), which later issues extend.
 * - `pool_views`: which pool records a user opened on a day (the daily view cap); `notifications`: in-app
 *   notices, kept as codes with parameters the web translates.
 * Every account already here gets an open claim matching what it has: its owner (protected, with no
 * deadline until a recovery rule says otherwise), its partner, or nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organization add column won_converts_long_term boolean not null default true;
    alter table organization add column max_locked_per_user int not null default 20 check (max_locked_per_user >= 0);

    alter table accounts add column grade text check (grade in ('A', 'B', 'C'));
    alter table accounts add column pool_id uuid;
    alter table accounts add column queue_team_id uuid;
    alter table accounts add column won_at timestamptz;

    create table pools (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      kind text not null default 'general' check (kind in ('new', 'returned', 'general')),
      region_prefixes text[] not null default '{}',
      excluded_region_prefixes text[] not null default '{}',
      team_id uuid references teams(id),
      product_line text,
      admin_ids uuid[] not null default '{}',
      member_team_ids uuid[] not null default '{}',
      claims_per_day int check (claims_per_day >= 0),
      max_owned int check (max_owned >= 0),
      max_locked int check (max_locked >= 0),
      count_won boolean not null default false,
      cooldown_days int not null default 0 check (cooldown_days >= 0),
      embargo_hours int not null default 0 check (embargo_hours >= 0),
      daily_view_cap int check (daily_view_cap >= 0),
      mask_contacts boolean not null default true,
      version int not null default 1,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index pools_name on pools (lower(name)) where archived_at is null;

    alter table accounts add constraint accounts_pool foreign key (pool_id) references pools(id);
    alter table accounts add constraint accounts_queue_team foreign key (queue_team_id) references teams(id);
    create index accounts_pool on accounts (pool_id) where pool_id is not null;

    create table recovery_rules (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      position int not null,
      scope text not null default 'pool' check (scope in ('pool', 'global')),
      pool_id uuid not null references pools(id),
      trigger text not null check (trigger in ('no_follow_up', 'no_opportunity', 'not_won')),
      days int not null check (days between 1 and 3650),
      grade text check (grade in ('A', 'B', 'C')),
      follow_up_kinds text[] not null default '{}',
      min_spacing_hours int not null default 0 check (min_spacing_hours >= 0),
      remind_days int[] not null default '{7,3,1}',
      escalate_days int check (escalate_days >= 0),
      exempt_won boolean not null default true,
      exempt_open_opportunity boolean not null default true,
      version int not null default 1,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table ownership_claims (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id),
      holder text not null check (holder in ('user', 'team', 'partner', 'pool')),
      user_id uuid references users(id),
      team_id uuid references teams(id),
      partner_id uuid,
      pool_id uuid references pools(id),
      kind text not null check (kind in ('protected', 'long_term', 'locked', 'queued', 'pooled')),
      via text not null,
      started_at timestamptz not null default now(),
      ends_at timestamptz,
      ends_rule jsonb,
      reminded_days int[] not null default '{}',
      ended_at timestamptz,
      end_reason text,
      decision_id uuid,
      made_by uuid references users(id),
      check ((holder = 'user') = (user_id is not null)),
      check ((holder = 'pool') = (pool_id is not null) and (holder = 'pool') = (kind = 'pooled')),
      check (holder <> 'team' or team_id is not null),
      check (holder <> 'partner' or partner_id is not null),
      check (ends_at is null or kind = 'protected'),
      check (ended_at is null or ended_at >= started_at)
    );
    create unique index ownership_claims_one_open on ownership_claims (account_id) where ended_at is null;
    create index ownership_claims_due on ownership_claims (ends_at) where ended_at is null and ends_at is not null;
    create index ownership_claims_history on ownership_claims (account_id, started_at desc);
    create index ownership_claims_user on ownership_claims (user_id, started_at) where user_id is not null;
    create index ownership_claims_pool on ownership_claims (pool_id, started_at) where pool_id is not null;

    create table account_team (
      account_id uuid not null references accounts(id),
      user_id uuid not null references users(id),
      role text not null check (role in ('assisting_rep', 'product_specialist', 'key_account_manager', 'former_owner')),
      credit_bp int not null default 0 check (credit_bp between 0 and 10000),
      until timestamptz,
      added_by uuid references users(id),
      added_at timestamptz not null default now(),
      primary key (account_id, user_id)
    );
    create index account_team_user on account_team (user_id);

    create table follow_ups (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id),
      user_id uuid not null references users(id),
      kind text not null check (kind in ('call', 'visit', 'meeting', 'email', 'message')),
      at timestamptz not null,
      note text not null,
      next_step text,
      next_step_at timestamptz,
      location jsonb,
      by_owner boolean not null,
      created_at timestamptz not null default now()
    );
    create index follow_ups_account on follow_ups (account_id, at desc);
    create index follow_ups_overlap on follow_ups (at) where not by_owner;

    create table opportunities (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id),
      owner_id uuid references users(id),
      name text not null,
      stage text not null default 'qualify',
      status text not null default 'open' check (status in ('open', 'won', 'lost')),
      amount_minor bigint not null default 0 check (amount_minor >= 0),
      currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
      expected_close date,
      closed_at timestamptz,
      lost_reason text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index opportunities_account on opportunities (account_id, created_at desc);
    create index opportunities_owner on opportunities (owner_id) where status = 'open';

    create table pool_views (
      user_id uuid not null references users(id),
      day date not null,
      account_id uuid not null references accounts(id),
      primary key (user_id, day, account_id)
    );

    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      kind text not null,
      params jsonb not null default '{}',
      account_id uuid references accounts(id),
      read_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index notifications_user on notifications (user_id, created_at desc);
    create index notifications_unread on notifications (user_id) where read_at is null;

    insert into ownership_claims (account_id, holder, user_id, partner_id, kind, via, started_at, made_by)
    select id,
           case when owner_id is not null then 'user' else 'partner' end,
           owner_id, partner_id, 'protected', 'migration', created_at, created_by
    from accounts
    where merged_into is null and (owner_id is not null or partner_id is not null);
  `.execute(db);
}
