import { sql, type Kysely } from 'kysely';

/**
 * Pools get a priority window, and duplicate checks that hit someone else's customer are kept as overlap.
 *
 * - `pools.priority_*`: for `priority_hours` after a customer enters the pool only the members ranked
 *   highest by `priority_measure` over the previous calendar month (the top `priority_top_n`, or the top
 *   `priority_top_percent` per cent) may claim it. Zero hours: no window.
 * - `overlap_touches`: a party other than the holder met a held customer — today, a duplicate check (the
 *   check endpoint, or a create refused or confirmed over a look-alike) that found it. One row per customer,
 *   person and organisation-local day: the overlap report counts customers, so repeats add nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table pools add column priority_hours int not null default 0 check (priority_hours between 0 and 720);
    alter table pools add column priority_measure text
      check (priority_measure in ('won_amount', 'won_count', 'follow_ups'));
    alter table pools add column priority_top_n int check (priority_top_n >= 1);
    alter table pools add column priority_top_percent int check (priority_top_percent between 1 and 100);
    alter table pools add constraint pools_priority_rule check (
      priority_hours = 0
      or (priority_measure is not null and ((priority_top_n is null) <> (priority_top_percent is null)))
    );

    create table overlap_touches (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('duplicate_check')),
      account_id uuid not null references accounts(id),
      user_id uuid not null references users(id),
      holder_id uuid references users(id),
      day date not null,
      created_at timestamptz not null default now(),
      unique (kind, account_id, user_id, day)
    );
    create index overlap_touches_created on overlap_touches (created_at);
  `.execute(db);
}
