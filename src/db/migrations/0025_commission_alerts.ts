import { sql, type Kysely } from 'kysely';

/**
 * Attainment alerts (issue 13, item 10). `commission_alerts`: one row per alert sent — per period, payee and
 * checkpoint (percent of the period's days elapsed). Its primary key makes the sweep idempotent: an alert is
 * sent only when its row is inserted, on every node and on every run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table commission_alerts (
      period_id uuid not null references commission_periods(id),
      payee_id uuid not null references commission_payees(id),
      checkpoint int not null check (checkpoint between 1 and 100),
      attainment numeric,
      snapshot_id uuid references commission_snapshots(id),
      sent_at timestamptz not null default now(),
      primary key (period_id, payee_id, checkpoint)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table commission_alerts`.execute(db);
}
