import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they must not depend on the application's current table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organization (
      id int primary key default 1 check (id = 1),
      name text not null,
      time_zone text not null default 'Asia/Shanghai',
      currency char(3) not null default 'CNY',
      default_language text not null default 'zh-CN' check (default_language in ('zh-CN', 'en')),
      updated_at timestamptz not null default now()
    );
    insert into organization (name) values ('Fairshare');

    create table teams (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      parent_id uuid references teams(id),
      manager_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (parent_id is null or parent_id <> id)
    );
    create unique index teams_sibling_name on teams (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

    create table users (
      id uuid primary key default gen_random_uuid(),
      login text not null check (login = lower(login) and length(login) between 2 and 64),
      display_name text not null,
      email text,
      phone text,
      status text not null default 'active' check (status in ('active', 'absent', 'inactive')),
      role text not null check (role in ('admin', 'sales_ops', 'manager', 'rep', 'finance', 'partner_admin', 'partner_user')),
      team_id uuid references teams(id),
      manager_id uuid references users(id),
      -- partners arrive with the channel module; the column exists so scopes hold it from day one
      partner_id uuid,
      language text check (language in ('zh-CN', 'en')),
      password_hash text,
      password_changed_at timestamptz,
      failed_logins int not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((role in ('partner_admin', 'partner_user')) = (partner_id is not null))
    );
    create unique index users_login on users (login);
    create index users_team on users (team_id);
    create index users_partner on users (partner_id) where partner_id is not null;
    alter table teams add constraint teams_manager_fk foreign key (manager_id) references users(id);

    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      ip text,
      user_agent text
    );
    create index sessions_user on sessions (user_id);
    create index sessions_expiry on sessions (expires_at);

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_user on api_tokens (user_id);

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      reason text,
      request_id text,
      prev_hash text not null,
      hash text not null unique
    );
    create index audit_entity on audit_log (entity_type, entity_id, id);
    create index audit_actor on audit_log (actor_id, id);
    create index audit_at on audit_log (at);

    -- Append-only: no UPDATE, DELETE or TRUNCATE, whoever the connected role is.
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
    revoke update, delete, truncate on audit_log from public;

    create table outbox (
      id bigserial primary key,
      topic text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'done', 'dead')),
      attempts int not null default 0,
      max_attempts int not null default 10,
      run_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      processed_at timestamptz
    );
    create index outbox_due on outbox (run_at, id) where status = 'pending';

    create table scheduled_jobs (
      name text primary key,
      interval_seconds int not null check (interval_seconds > 0),
      next_run_at timestamptz not null,
      last_run_at timestamptz,
      last_error text
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table scheduled_jobs, outbox, audit_log, api_tokens, sessions;
    alter table teams drop constraint teams_manager_fk;
    drop table users, teams, organization;
    drop function audit_log_append_only;
  `.execute(db);
}
