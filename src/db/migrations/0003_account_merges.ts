import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What each merge changed, so un-merge can put it back exactly.
    create table account_merges (
      id uuid primary key default gen_random_uuid(),
      survivor_id uuid not null references accounts(id),
      merged_id uuid not null references accounts(id),
      reason text not null,
      -- values the survivor gained (list items added, empty fields filled)
      added jsonb not null,
      -- rows moved from the merged account to the survivor, by table
      moved jsonb not null,
      merged_by uuid references users(id),
      merged_at timestamptz not null default now(),
      unmerged_by uuid references users(id),
      unmerged_at timestamptz
    );
    create index account_merges_survivor on account_merges (survivor_id);
    create unique index account_merges_live on account_merges (merged_id) where unmerged_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table account_merges`.execute(db);
}
