import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { pageOf, pageQuery } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import { templateCsv, writeTemplateXlsx } from './import-template.js';
import {
  bulkDecisionResult,
  bulkResolveResult,
  decideClustersBody,
  resolveClustersBody,
  CLUSTER_DECISIONS,
  CLUSTER_OUTCOMES,
  resolveClusterBody,
  importClusterSchema,
  importJobSchema,
  listClustersQuery,
} from './imports.schema.js';
import * as imports from './imports.service.js';

const UPLOAD_TYPES = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

/** The XLSX template, streamed as ExcelJS writes it. */
function sendXlsxTemplate(reply: FastifyReply) {
  const out = new PassThrough();
  writeTemplateXlsx(out).catch((error: unknown) => {
    reply.log.error({ err: error }, 'template failed while streaming');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', 'attachment; filename="customers-template.xlsx"')
    .send(out);
}

export function importRoutes(app: FastifyInstance, db: Db) {
  const tags = ['imports'];
  // The upload takes the file itself as the body; only these routes accept non-JSON bodies.
  void app.register((child, _options, done) => {
    child.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: imports.IMPORT_MAX_BYTES },
      (_req, body, next) => next(null, body),
    );
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/imports',
      {
        config: { access: 'accounts:import' },
        bodyLimit: imports.IMPORT_MAX_BYTES,
        schema: {
          tags,
          summary:
            'Upload a customer list (CSV, XLSX or old Excel XLS body) to de-duplicate, review and import',
          querystring: z.strictObject({ filename: z.string().trim().min(1).max(200) }),
          response: responses({ 202: importJobSchema }),
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the file itself as the body (text/csv or XLSX)',
            {
              accepted: UPLOAD_TYPES,
            },
          );
        }
        return reply
          .status(202)
          .send(await imports.createImport(db, request.ctx, request.query.filename, request.body));
      },
    );
    done();
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/imports/template.csv',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary:
          'A customer list template: the columns the importer recognises, and # lines explaining each (CSV, UTF-8 with BOM)',
        response: responses({ 200: z.string() }),
      },
    },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="customers-template.csv"')
        .send(templateCsv()),
  );
  r.get(
    '/api/v1/imports/template.xlsx',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary:
          'A customer list template as XLSX: a sheet to fill in and a sheet explaining each column with an example',
        response: responses({ 200: z.string() }),
      },
    },
    async (_request, reply) => sendXlsxTemplate(reply),
  );

  r.get(
    '/api/v1/imports',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary: 'Imports, newest first',
        querystring: z.strictObject(pageQuery),
        response: responses({ 200: pageOf(importJobSchema) }),
      },
    },
    async (request) => imports.listImports(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/imports/:id',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary: 'An import: status, progress, summary, problems',
        params: idParams,
        response: responses({ 200: importJobSchema }),
      },
    },
    async (request) => imports.getImport(db, request.ctx, request.params.id),
  );

  r.get(
    '/api/v1/imports/:id/clusters',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary: 'The rows of an import grouped by company, for review side by side',
        params: idParams,
        querystring: z.strictObject({
          ...pageQuery,
          ...listClustersQuery,
        }),
        response: responses({ 200: pageOf(importClusterSchema) }),
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return imports.listImportClusters(db, request.ctx, request.params.id, filter, { limit, offset });
    },
  );

  r.put(
    '/api/v1/imports/:id/clusters/:clusterId',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary: 'Accept a cluster as one company, split it into one account per row, or skip it',
        params: z.strictObject({ id: z.uuid(), clusterId: z.string().min(1).max(200) }),
        body: z.strictObject({ decision: z.enum(CLUSTER_DECISIONS) }),
        response: responses({ 204: z.null() }),
      },
    },
    async (request, reply) => {
      await imports.decideCluster(
        db,
        request.ctx,
        request.params.id,
        request.params.clusterId,
        request.body.decision,
      );
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v1/imports/:id/clusters/:clusterId/resolve',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary:
          'Settle rows the import left for review: merge them into a customer, create them anyway with a reason, or skip them',
        params: z.strictObject({ id: z.uuid(), clusterId: z.string().min(1).max(200) }),
        body: resolveClusterBody,
        response: responses({
          200: z.object({
            outcome: z.enum(CLUSTER_OUTCOMES),
            accountIds: z.array(z.uuid()),
            decisionId: z.uuid().nullable(),
          }),
        }),
      },
    },
    async (request) =>
      imports.resolveCluster(db, request.ctx, request.params.id, request.params.clusterId, request.body),
  );

  r.post(
    '/api/v1/imports/:id/clusters/decide',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary:
          'Decide many clusters under review at once: those named, or accept every one a filter selects as suggested',
        params: idParams,
        body: decideClustersBody,
        response: responses({ 200: bulkDecisionResult }),
      },
    },
    async (request) => imports.decideClusters(db, request.ctx, request.params.id, request.body),
  );

  r.post(
    '/api/v1/imports/:id/clusters/resolve',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary:
          'Settle many rows the import left for review in one go (merge, create with a reason, skip): all or none',
        params: idParams,
        body: resolveClustersBody,
        response: responses({ 200: bulkResolveResult }),
      },
    },
    async (request) => imports.resolveClusters(db, request.ctx, request.params.id, request.body.items),
  );

  r.post(
    '/api/v1/imports/:id/start',
    {
      config: { access: 'accounts:import' },
      schema: {
        tags,
        summary: 'Import the reviewed clusters (runs as a job)',
        params: idParams,
        response: responses({ 202: importJobSchema }),
      },
    },
    async (request, reply) =>
      reply.status(202).send(await imports.startImport(db, request.ctx, request.params.id)),
  );
}
