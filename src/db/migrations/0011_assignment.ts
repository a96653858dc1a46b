import { sql, type Kysely } from 'kysely';

/**
 * Assignment rules and what they need to know about people.
 *
 * - `assignment_rule_sets`: versioned rule sets. A draft is edited; publishing gives it the next version and
 *   retires the one live before (one published set at a time: a partial unique index). The rules live in
 *   one jsonb list (their order is the evaluation order), and a trigger keeps a published or retired set's
 *   rules as they were: what a decision names stays readable as it ran.
 * - `assignment_cursors`: per rule key (kept across versions), where a rotation stands: how many it handed
 *   out and to whom the last went. Callers lock the row (`select … for update`) in their unit of work, so
 *   concurrent creates on any number of nodes take turns.
 * - `user_absences`: ranges of organisation-local dates (inclusive) a user takes no new accounts;
 *   `user_capacity`: the most open accounts a user may hold before rules pass them by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assignment_rule_sets (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
      version int check ((version is null) = (status = 'draft')),
      rules jsonb not null default '[]',
      based_on uuid references assignment_rule_sets(id),
      created_by uuid references users(id),
      published_by uuid references users(id),
      published_at timestamptz,
      retired_at timestamptz,
      decision_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index assignment_rule_sets_live on assignment_rule_sets ((true)) where status = 'published';
    create unique index assignment_rule_sets_version on assignment_rule_sets (version) where version is not null;

    create function assignment_rules_frozen() returns trigger language plpgsql as $$
    begin
      if old.status <> 'draft' and new.rules is distinct from old.rules then
        raise exception 'a published rule set is immutable' using errcode = '55000';
      end if;
      return new;
    end $$;
    create trigger assignment_rules_frozen before update on assignment_rule_sets
      for each row execute function assignment_rules_frozen();

    create table assignment_cursors (
      rule_key uuid primary key,
      position bigint not null default 0 check (position >= 0),
      last_user_id uuid references users(id),
      updated_at timestamptz not null default now()
    );

    create table user_absences (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      starts_on date not null,
      ends_on date not null,
      note text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    );
    create index user_absences_user on user_absences (user_id, ends_on);

    create table user_capacity (
      user_id uuid primary key references users(id),
      max_accounts int check (max_accounts >= 0),
      updated_by uuid references users(id),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
