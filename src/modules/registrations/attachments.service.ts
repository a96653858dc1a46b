import { createHash } from 'node:crypto';
import { extname, win32 } from 'node:path';
import type { Db } from '../../db/database.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as files from './attachments.repo.js';
import {
  ADDABLE,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  ATTACHMENTS_PER_REGISTRATION,
  type AttachmentExtension,
  REMOVABLE,
  type AttachmentView,
} from './attachments.schema.js';
import * as repo from './registrations.repo.js';
import { lockVisible, wrongState } from './registrations.service.js';

/**
 * Files a partner's people attach to their own registration as evidence (and whoever may register for every
 * partner, as for the registration itself). Anyone who may see the
 * registration may list and download them (the channel reviewing it, the partner's people); a partner's
 * people never reach another partner's files (404, as for the registration). Files are added while the
 * registration is open and taken back only before it is submitted: after that they are part of what a
 * reviewer decided on. Adding and removing are audited with the file's name, size and SHA-256.
 */

const toView = (a: files.AttachmentMeta): AttachmentView => ({
  id: a.id,
  registrationId: a.registration_id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
  uploadedBy: a.uploaded_by,
  createdAt: a.created_at,
});

/** The name as the user knows it, without any folder a browser or a client put before it. */
function baseName(raw: string): string {
  return win32.basename(raw.trim()).trim();
}

/**
 * Checks a file before anything is written: a name with an extension we take, content neither empty nor
 * over the limit, and bytes that begin as that type's do. Returns what is stored.
 */
export function checkFile(rawName: string, body: Buffer) {
  const fileName = baseName(rawName);
  // eslint-disable-next-line no-control-regex
  if (!fileName || /[\u0000-\u001f\u007f]/.test(fileName))
    throw invalid([{ field: 'filename', problem: 'invalid_format', message: 'is not a file name' }]);
  const extension = extname(fileName).slice(1).toLowerCase();
  if (!(ATTACHMENT_EXTENSIONS as string[]).includes(extension))
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Files of type .${extension || '(none)'} cannot be attached`,
      {
        field: 'filename',
        accepted: ATTACHMENT_EXTENSIONS,
      },
    );
  if (body.length === 0) throw invalid([{ field: 'file', problem: 'empty', message: 'is empty' }]);
  if (body.length > ATTACHMENT_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${ATTACHMENT_MAX_BYTES} bytes`, {
      field: 'file',
      maxBytes: ATTACHMENT_MAX_BYTES,
      sizeBytes: body.length,
    });
  const type = ATTACHMENT_TYPES[extension as AttachmentExtension];
  const head = body.subarray(0, 16).toString('latin1');
  const looksRight =
    type.magic === null
      ? !body.includes(0) && isUtf8(body)
      : type.magic.some((m) => head.startsWith(m)) &&
        (extension !== 'webp' || body.subarray(8, 12).toString('latin1') === 'WEBP');
  if (!looksRight)
    throw invalid([
      { field: 'file', problem: 'content_mismatch', message: `is not a .${extension} file by its content` },
    ]);
  return {
    fileName,
    contentType: type.contentType,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
}

function isUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

async function visibleRegistration(db: Db, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleRegistration(db, ctx.actor, id);
  if (!row) throw notFound('registration', id);
  return row;
}

/** The partner's own people, or someone who acts for every partner (as for the registration itself). */
function assertMayAttach(ctx: RequestContext, partnerId: string) {
  if (ctx.actor.scope !== 'all' && ctx.actor.partnerId !== partnerId)
    throw forbidden('Only the partner’s own people attach files to its registrations');
}

export async function addAttachment(
  db: Db,
  ctx: RequestContext,
  registrationId: string,
  rawName: string,
  body: Buffer,
): Promise<AttachmentView> {
  const seen = await visibleRegistration(db, ctx, registrationId);
  assertMayAttach(ctx, seen.partner_id);
  const file = checkFile(rawName, body);
  return runWork(db, ctx, async (w) => {
    // One partner's uploads one at a time: its quota is read and kept under this key.
    await w.lockKeys([`registration-attachments:${seen.partner_id}`]);
    const row = await lockVisible(w, registrationId);
    if (!ADDABLE.includes(row.status)) throw wrongState(row.status, ADDABLE);
    const count = (await files.attachmentsOf(w.tx, registrationId)).length;
    if (count >= ATTACHMENTS_PER_REGISTRATION)
      throw new AppError(
        'ATTACHMENT_LIMIT',
        `A registration carries at most ${ATTACHMENTS_PER_REGISTRATION} files`,
        { max: ATTACHMENTS_PER_REGISTRATION, count },
      );
    const quotaBytes = (await repo.settings(w.tx)).attachment_quota_mib * 1024 * 1024;
    const usedBytes = await files.partnerBytes(w.tx, row.partner_id);
    if (usedBytes + body.length > quotaBytes)
      throw new AppError('ATTACHMENT_QUOTA', 'The partner’s attachments would exceed its quota', {
        quotaBytes,
        usedBytes,
        sizeBytes: body.length,
      });
    const added = toView(
      await files.insertAttachment(w.tx, {
        registration_id: registrationId,
        file_name: file.fileName,
        content_type: file.contentType,
        size_bytes: body.length,
        sha256: file.sha256,
        content: body,
        uploaded_by: w.actor.id!,
      }),
    );
    w.audit({
      action: 'registration.attachment_added',
      entityType: 'registration',
      entityId: registrationId,
      after: added,
    });
    return added;
  });
}

export async function listAttachments(db: Db, ctx: RequestContext, registrationId: string) {
  await visibleRegistration(db, ctx, registrationId);
  return { items: (await files.attachmentsOf(db, registrationId)).map(toView) };
}

export async function readAttachment(db: Db, ctx: RequestContext, registrationId: string, id: string) {
  await visibleRegistration(db, ctx, registrationId);
  const row = await files.findAttachment(db, registrationId, id);
  if (!row) throw notFound('attachment', id);
  return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content) };
}

export async function removeAttachment(db: Db, ctx: RequestContext, registrationId: string, id: string) {
  const seen = await visibleRegistration(db, ctx, registrationId);
  assertMayAttach(ctx, seen.partner_id);
  await runWork(db, ctx, async (w) => {
    const row = await lockVisible(w, registrationId);
    if (!REMOVABLE.includes(row.status)) throw wrongState(row.status, REMOVABLE);
    const removed = await files.deleteAttachment(w.tx, registrationId, id);
    if (!removed) throw notFound('attachment', id);
    w.audit({
      action: 'registration.attachment_removed',
      entityType: 'registration',
      entityId: registrationId,
      before: toView(removed),
    });
  });
}
