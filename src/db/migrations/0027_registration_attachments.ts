import { sql, type Kysely } from 'kysely';

/**
 * Files a partner attaches to its deal registration as evidence (the customer's letter of intent, a quote,
 * a meeting note): stored in the database with the registration they belong to, so a backup, a restore and
 * the partner isolation that guards registrations cover them alike.
 *
 * - `content_type` is the one the file's extension names in our list, never the one the uploader claimed.
 * - `sha256` lets a reviewer tell two uploads of one file apart from two files.
 * - Sizes are capped here as well as at the route, so no path writes an oversized file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table registration_attachments (
      id uuid primary key default gen_random_uuid(),
      registration_id uuid not null references registrations(id),
      file_name text not null check (length(file_name) between 1 and 200),
      content_type text not null,
      size_bytes int not null check (size_bytes between 1 and 5242880),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null check (length(content) = size_bytes),
      uploaded_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index registration_attachments_registration on registration_attachments (registration_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table registration_attachments`.execute(db);
}
