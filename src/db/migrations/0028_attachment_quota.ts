import { sql, type Kysely } from 'kysely';

/**
 * How much a partner may keep in registration attachments, all its registrations together (MiB). The cap per
 * registration (10 files of 5 MiB) alone would let a partner fill the database by opening drafts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table registration_settings
      add column attachment_quota_mib int not null default 1024
        check (attachment_quota_mib between 1 and 1048576);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table registration_settings drop column attachment_quota_mib`.execute(db);
}
