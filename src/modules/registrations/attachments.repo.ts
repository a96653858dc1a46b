import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RegistrationAttachmentTable } from '../../db/types.js';

/** Everything but the content: what lists and audit entries show. */
const META = [
  'id',
  'registration_id',
  'file_name',
  'content_type',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'created_at',
] as const;

export async function insertAttachment(db: Executor, row: Insertable<RegistrationAttachmentTable>) {
  return db.insertInto('registration_attachments').values(row).returning(META).executeTakeFirstOrThrow();
}

export async function attachmentsOf(db: Executor, registrationId: string) {
  return db
    .selectFrom('registration_attachments')
    .select(META)
    .where('registration_id', '=', registrationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Bytes a partner keeps in attachments, all its registrations together. */
export async function partnerBytes(db: Executor, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom('registration_attachments as a')
    .innerJoin('registrations as r', 'r.id', 'a.registration_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('a.size_bytes'), eb.lit(0)).as('bytes'))
    .where('r.partner_id', '=', partnerId)
    .executeTakeFirstOrThrow();
  return Number(row.bytes);
}

export async function findAttachment(db: Executor, registrationId: string, id: string) {
  return db
    .selectFrom('registration_attachments')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteAttachment(db: Executor, registrationId: string, id: string) {
  return db
    .deleteFrom('registration_attachments')
    .where('registration_id', '=', registrationId)
    .where('id', '=', id)
    .returning(META)
    .executeTakeFirst();
}

export type AttachmentMeta = Awaited<ReturnType<typeof attachmentsOf>>[number];
