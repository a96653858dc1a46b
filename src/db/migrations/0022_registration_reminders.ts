import { sql, type Kysely } from 'kysely';

/**
 * Warnings before a registration's protection ends.
 *
 * - `registration_settings.reminder_days`: how many days before the end the partner is warned (each a
 *   threshold; default 14 and 3).
 * - `registration_reminders`: one row per warning sent — per registration, per protection end (an extension
 *   moves the end, and the warnings start over) and per threshold. Its primary key makes the sweep
 *   idempotent: a warning is sent only when its row is inserted, on every node and on every run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table registration_settings
      add column reminder_days int[] not null default '{14,3}'
        check (array_length(reminder_days, 1) is null or array_length(reminder_days, 1) <= 5);

    create table registration_reminders (
      registration_id uuid not null references registrations(id),
      protected_until date not null,
      days int not null,
      sent_at timestamptz not null default now(),
      primary key (registration_id, protected_until, days)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table registration_reminders;
    alter table registration_settings drop column reminder_days;
  `.execute(db);
}
