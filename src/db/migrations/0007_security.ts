import { sql, type Kysely } from 'kysely';

/**
 * Failed logins counted per login name, whether or not a user has it (a lock kept on the user told anyone
 * trying which logins exist), and an absolute end for every session however active it stays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      login text primary key,
      failures int not null default 0,
      locked_until timestamptz,
      updated_at timestamptz not null default now()
    );
    alter table users drop column failed_logins, drop column locked_until;
    -- A password someone else generated (first admin, CLI, a reset) is changed by its owner before anything else.
    alter table users add column must_change_password boolean not null default false;
    alter table sessions add column absolute_expires_at timestamptz;
    update sessions set absolute_expires_at = created_at + interval '7 days';
    alter table sessions alter column absolute_expires_at set not null;
  `.execute(db);
}
