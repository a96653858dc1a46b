import { z } from 'zod';
import type { RegistrationStatus } from '../../db/types.js';

/** At most this many bytes a file, and this many files a registration. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_PER_REGISTRATION = 10;

/** Files are added while the registration is open, and taken back only before it is submitted. */
export const ADDABLE: readonly RegistrationStatus[] = [
  'draft',
  'returned',
  'submitted',
  'resubmitted',
  'approved',
];
export const REMOVABLE: readonly RegistrationStatus[] = ['draft', 'returned'];

/**
 * What a registration may carry, by extension: the type it is served as (never the one the uploader
 * claimed) and how its first bytes begin, so a page or a script renamed `.pdf` is refused.
 */
export const ATTACHMENT_TYPES = {
  pdf: { contentType: 'application/pdf', magic: ['%PDF-'] },
  png: { contentType: 'image/png', magic: ['\x89PNG\r\n\x1a\n'] },
  jpg: { contentType: 'image/jpeg', magic: ['\xff\xd8\xff'] },
  jpeg: { contentType: 'image/jpeg', magic: ['\xff\xd8\xff'] },
  webp: { contentType: 'image/webp', magic: ['RIFF'] },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: ['PK\x03\x04'],
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: ['PK\x03\x04'],
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    magic: ['PK\x03\x04'],
  },
  doc: { contentType: 'application/msword', magic: ['\xd0\xcf\x11\xe0'] },
  xls: { contentType: 'application/vnd.ms-excel', magic: ['\xd0\xcf\x11\xe0'] },
  txt: { contentType: 'text/plain; charset=utf-8', magic: null },
} as const satisfies Record<string, { contentType: string; magic: readonly string[] | null }>;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[];

/** The content types the upload route takes as a body; what the file is, is decided by its name and bytes. */
export const ATTACHMENT_UPLOAD_TYPES = [
  ...new Set([
    'application/octet-stream',
    ...Object.values(ATTACHMENT_TYPES).map((t) => t.contentType.split(';')[0]!),
  ]),
];

export const attachmentQuery = z.strictObject({
  filename: z.string().trim().min(1).max(200).describe('the file’s name as the user knows it'),
});

export const attachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

export const attachmentSchema = z.object({
  id: z.uuid(),
  registrationId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string().describe('hex SHA-256 of the content'),
  uploadedBy: z.uuid(),
  createdAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentSchema>;
