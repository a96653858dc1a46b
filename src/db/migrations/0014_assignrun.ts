import { sql, type Kysely } from 'kysely';

/**
 * Assignment beyond create and import.
 *
 * - `assignment_rule_sets.key_account_manager_first`: the group key-account manager's first right is part of
 *   a rule set (versioned, tried in a what-if, published with a decision), not an organisation switch that
 *   would change who gets customers without either.
 * - `assignment_applies`: publishing a set with "apply to existing accounts" runs a job that moves what the
 *   set's what-if would move; one row per run with where its pass through the accounts stands (keyset:
 *   created_at, id — so a node that dies leaves a place to resume from) and its counts, and
 *   `assignment_apply_items` one row per account it moved or skipped, with the reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table assignment_rule_sets add column key_account_manager_first boolean not null default false;

    create table assignment_applies (
      id uuid primary key default gen_random_uuid(),
      rule_set_id uuid not null references assignment_rule_sets(id),
      job_id uuid,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      accounts_before timestamptz not null,
      -- the keyset cursor as the page read it, to the microsecond: a timestamptz read back through the driver
      -- comes to milliseconds, and the next page would start inside the last one
      after_created_at text,
      after_id uuid,
      total int,
      decided int not null default 0,
      moved int not null default 0,
      skipped int not null default 0,
      error text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index assignment_applies_set on assignment_applies (rule_set_id, created_at desc);

    create table assignment_apply_items (
      apply_id uuid not null references assignment_applies(id),
      account_id uuid not null references accounts(id),
      outcome text not null check (outcome in ('moved', 'skipped')),
      reason text,
      decision_id uuid,
      primary key (apply_id, account_id)
    );
    create index assignment_apply_items_outcome on assignment_apply_items (apply_id, outcome);
  `.execute(db);
}
