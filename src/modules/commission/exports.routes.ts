import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { idParams, responses } from '../../http/schemas.js';
import { exportPeriod, exportStatement, type ExportFile } from './exports.js';
import { EXPORT_LANGUAGES } from './exports.text.js';

const lang = z
  .enum(EXPORT_LANGUAGES)
  .optional()
  .describe('language of headings and line descriptions; default: the caller’s, else the organisation’s');
const file = z.string().describe('the file itself');

const send = (reply: FastifyReply, f: ExportFile) =>
  reply
    .type(f.contentType)
    .header('content-disposition', `attachment; filename="${f.filename}"`)
    .send(f.body);

export function commissionExportRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commission'];

  r.get(
    '/api/v1/commission/periods/:id/export',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'A period’s statements in the caller’s sight as XLSX: a summary sheet (one row per payee) and a lines sheet with each line’s formula in words; a payee sees its own once locked, a manager its team’s, finance and sales ops all',
        params: idParams,
        querystring: z.strictObject({ format: z.enum(['xlsx']).default('xlsx'), lang }),
        response: responses({ 200: file }),
      },
    },
    async (request, reply) =>
      send(reply, await exportPeriod(db, request.ctx, request.params.id, request.query.lang)),
  );

  r.get(
    '/api/v1/commission/periods/:id/statements/:payeeId/export',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'One statement as XLSX or PDF (Chinese text embedded in a subset of Noto Sans SC), in the requested language',
        params: z.strictObject({ id: z.uuid(), payeeId: z.uuid() }),
        querystring: z.strictObject({ format: z.enum(['xlsx', 'pdf']).default('pdf'), lang }),
        response: responses({ 200: file }),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await exportStatement(
          db,
          request.ctx,
          request.params.id,
          request.params.payeeId,
          request.query.format,
          request.query.lang,
        ),
      ),
  );
}
