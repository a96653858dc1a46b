import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { idParams, noContent, responses } from '../../http/schemas.js';
import {
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_UPLOAD_TYPES,
  attachmentParams,
  attachmentQuery,
  attachmentSchema,
} from './attachments.schema.js';
import * as attachments from './attachments.service.js';

/** `attachment; filename=…` with an ASCII stand-in and the real name in RFC 5987 form (Chinese names). */
function disposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 5987 allows fewer characters unescaped than encodeURIComponent leaves: escape those too.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The file as a download, in the type its name says, never sniffed into something else. */
const sendFile = (reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) =>
  reply
    .type(file.contentType)
    .header('content-disposition', disposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(file.content);

export function attachmentRoutes(app: FastifyInstance, db: Db) {
  const tags = ['registrations'];
  // The upload takes the file itself as the body. Twice the limit reaches the service, which names the
  // limit in its refusal; beyond that the server refuses the body unread.
  void app.register((child, _options, done) => {
    // Here a text file is a file like any other: its bytes, not a string.
    child.removeContentTypeParser(['text/plain']);
    child.addContentTypeParser(
      ATTACHMENT_UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: 2 * ATTACHMENT_MAX_BYTES },
      (_req, body, next) => next(null, body),
    );
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/registrations/:id/attachments',
      {
        config: { access: 'registrations:submit' },
        bodyLimit: 2 * ATTACHMENT_MAX_BYTES,
        schema: {
          tags,
          summary: `Attach a file to the partner’s own open registration: the file itself as the body (${ATTACHMENT_EXTENSIONS.join(', ')}; at most ${ATTACHMENT_MAX_BYTES} bytes)`,
          params: idParams,
          querystring: attachmentQuery,
          response: responses({ 201: attachmentSchema }),
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file itself as the body', {
            accepted: ATTACHMENT_UPLOAD_TYPES,
          });
        const added = await attachments.addAttachment(
          db,
          request.ctx,
          request.params.id,
          request.query.filename,
          request.body,
        );
        return reply.status(201).send(added);
      },
    );
    done();
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/registrations/:id/attachments',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'The files attached to a registration in sight, oldest first (names and sizes)',
        params: idParams,
        response: responses({ 200: z.object({ items: z.array(attachmentSchema) }) }),
      },
    },
    async (request) => attachments.listAttachments(db, request.ctx, request.params.id),
  );
  r.get(
    '/api/v1/registrations/:id/attachments/:attachmentId',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: 'Download one attached file (always as a download, in the type its name says)',
        params: attachmentParams,
        response: responses({ 200: z.string().describe('the file itself') }),
      },
    },
    async (request, reply) => {
      return sendFile(
        reply,
        await attachments.readAttachment(db, request.ctx, request.params.id, request.params.attachmentId),
      );
    },
  );
  r.delete(
    '/api/v1/registrations/:id/attachments/:attachmentId',
    {
      config: { access: 'registrations:submit' },
      schema: {
        tags,
        summary: 'Remove a file from the partner’s own registration, before it is submitted',
        params: attachmentParams,
        response: responses({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await attachments.removeAttachment(db, request.ctx, request.params.id, request.params.attachmentId);
      return reply.status(204).send(null);
    },
  );
}
