import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { idParams, responses } from '../../http/schemas.js';
import { listAccountsQuery } from '../accounts/accounts.schema.js';
import { listUsersQuery } from '../users/users.schema.js';
import { auditQuery } from '../audit/audit.schema.js';
import { channelExportQuery } from '../reports/channel.schema.js';
import { prepareExport, type PreparedExport } from './exports.service.js';

const fileQuery = {
  format: z.enum(['xlsx', 'csv']).default('xlsx').describe('Excel (default) or CSV (UTF-8 with BOM)'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN').describe('language of the column headings'),
};
const file = z.string().describe('the file itself (XLSX or CSV), streamed');

/** Sends the file as it is written; a failure after the first bytes ends the download early. */
function stream(reply: FastifyReply, prepared: PreparedExport) {
  const out = new PassThrough();
  prepared.write(out).catch((error: unknown) => {
    reply.log.error({ err: error }, 'export failed while streaming');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply
    .type(prepared.contentType)
    .header('content-disposition', `attachment; filename="${prepared.filename}"`)
    .send(out);
}

export function exportRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exports'];
  const { limit: _l, offset: _o, ...accountFilters } = listAccountsQuery.shape;
  const { limit: _ul, offset: _uo, ...userFilters } = listUsersQuery.shape;
  const { limit: _al, offset: _ao, ...auditFilters } = auditQuery.shape;

  r.get(
    '/api/v1/exports/accounts',
    {
      config: { access: 'data:export' },
      schema: {
        tags,
        summary:
          'Customers in the caller’s sight, with the list’s filters, as XLSX or CSV (needs accounts:read)',
        querystring: z.strictObject({ ...fileQuery, ...accountFilters }),
        response: responses({ 200: file }),
      },
    },
    async (request, reply) => {
      const { format, lang, sort: _s, order: _r, ...filter } = request.query;
      const prepared = await prepareExport(
        db,
        request.ctx,
        { kind: 'accounts', filter: { ...filter, sort: 'createdAt', order: 'asc' } },
        format,
        lang,
      );
      return stream(reply, prepared);
    },
  );

  r.get(
    '/api/v1/exports/contacts',
    {
      config: { access: 'data:export' },
      schema: {
        tags,
        summary: 'Contacts of the customers in the caller’s sight, as XLSX or CSV (needs accounts:read)',
        querystring: z.strictObject(fileQuery),
        response: responses({ 200: file }),
      },
    },
    async (request, reply) =>
      stream(
        reply,
        await prepareExport(db, request.ctx, { kind: 'contacts' }, request.query.format, request.query.lang),
      ),
  );

  r.get(
    '/api/v1/exports/users',
    {
      config: { access: 'data:export' },
      schema: {
        tags,
        summary: 'Users in the caller’s sight, with the list’s filters, as XLSX or CSV (needs users:read)',
        querystring: z.strictObject({ ...fileQuery, ...userFilters }),
        response: responses({ 200: file }),
      },
    },
    async (request, reply) => {
      const { format, lang, ...filter } = request.query;
      return stream(reply, await prepareExport(db, request.ctx, { kind: 'users', filter }, format, lang));
    },
  );

  r.get(
    '/api/v1/exports/audit',
    {
      config: { access: 'data:export' },
      schema: {
        tags,
        summary: 'The audit trail in the caller’s sight, with its filters, as XLSX or CSV (needs audit:read)',
        querystring: z.strictObject({ ...fileQuery, ...auditFilters }),
        response: responses({ 200: file }),
      },
    },
    async (request, reply) => {
      const { format, lang, ...filter } = request.query;
      return stream(reply, await prepareExport(db, request.ctx, { kind: 'audit', filter }, format, lang));
    },
  );

  r.get(
    '/api/v1/imports/:id/results',
    {
      config: { access: 'data:export' },
      schema: {
        tags,
        summary: 'What became of every row of an import, as XLSX or CSV (needs accounts:import)',
        params: idParams,
        querystring: z.strictObject(fileQuery),
        response: responses({ 200: file }),
      },
    },
    async (request, reply) =>
      stream(
        reply,
        await prepareExport(
          db,
          request.ctx,
          { kind: 'import-results', importId: request.params.id },
          request.query.format,
          request.query.lang,
        ),
      ),
  );

  r.get(
    '/api/v1/exports/channel',
    {
      config: { access: 'data:export' },
      schema: {
        tags,
        summary:
          'The channel report’s partner scorecards in the caller’s sight, with its filters, as XLSX or CSV ' +
          '(needs partners:read)',
        querystring: channelExportQuery,
        response: responses({ 200: file }),
      },
    },
    async (request, reply) => {
      const { format, lang, ...filter } = request.query;
      return stream(reply, await prepareExport(db, request.ctx, { kind: 'channel', filter }, format, lang));
    },
  );
}
