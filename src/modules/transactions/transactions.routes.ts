import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { pageOf } from '../../http/pagination.js';
import { idParams, responses } from '../../http/schemas.js';
import * as credit from './credit.service.js';
import { importTransactions, IMPORT_MAX_BYTES, UPLOAD_TYPES } from './transactions.import.js';
import * as rates from './rates.service.js';
import {
  batchBody,
  batchResult,
  convertQuery,
  creditLineSchema,
  creditSplitSchema,
  decideSplitBody,
  importQuery,
  listCreditQuery,
  listRatesQuery,
  listSplitsQuery,
  listTransactionsQuery,
  rateBody,
  rateSchema,
  recordResult,
  SIGN_RULE,
  splitBody,
  transactionDetailSchema,
  transactionInput,
  transactionSchema,
} from './transactions.schema.js';
import * as service from './transactions.service.js';

export function transactionRoutes(app: FastifyInstance, db: Db) {
  const tags = ['transactions'];

  // The import takes the file itself as the body; only this route accepts non-JSON bodies.
  void app.register((child, _options, done) => {
    child.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
      (_req, body, next) => next(null, body),
    );
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/transactions/import',
      {
        config: { access: 'transactions:write' },
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          tags,
          summary:
            'Import transactions from a CSV or XLSX body, all or nothing: rows sharing an external id are the lines of one transaction; every problem is answered as rows.<line>.<field>',
          querystring: importQuery,
          response: responses({ 200: batchResult }),
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) throw service.unsupportedBody();
        return importTransactions(db, request.ctx, request.query.filename, request.body);
      },
    );
    done();
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/transactions',
    {
      config: { access: 'transactions:write' },
      schema: {
        tags,
        summary: `Record a transaction, idempotent by external id (same content: unchanged; other content: a correction, a new version). Sign rule: ${SIGN_RULE}`,
        body: transactionInput,
        response: responses({ 200: recordResult, 201: recordResult }),
      },
    },
    async (request, reply) => {
      const result = await service.recordOne(db, request.ctx, request.body);
      return reply.status(result.outcome === 'unchanged' ? 200 : 201).send(result);
    },
  );

  r.post(
    '/api/v1/transactions/batch',
    {
      config: { access: 'transactions:write' },
      schema: {
        tags,
        summary:
          'Record up to 1000 transactions at once, all or nothing: one bad item writes nothing and every problem is named as items.<index>.<field>',
        body: batchBody,
        response: responses({ 200: batchResult }),
      },
    },
    async (request) => service.recordBatch(db, request.ctx, request.body.items),
  );

  r.get(
    '/api/v1/transactions',
    {
      config: { access: 'transactions:read' },
      schema: {
        tags,
        summary: 'Current versions of transactions, newest transaction date first',
        querystring: listTransactionsQuery,
        response: responses({ 200: pageOf(transactionSchema) }),
      },
    },
    async (request) => service.listTransactions(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/transactions/:id',
    {
      config: { access: 'transactions:read' },
      schema: {
        tags,
        summary: 'A transaction version with its lines, its versions, its current credit and its splits',
        params: idParams,
        response: responses({ 200: transactionDetailSchema }),
      },
    },
    async (request) => service.getTransaction(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/transactions/:id/credit-splits',
    {
      config: { access: 'transactions:write' },
      schema: {
        tags,
        summary:
          'Propose a manual credit split (one primary, assisting shares, overlay on top); primary + assisting must be exactly 100 %; another person approves it',
        params: idParams,
        body: splitBody,
        response: responses({ 201: creditSplitSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await credit.proposeSplit(db, request.ctx, request.params.id, request.body)),
  );

  r.get(
    '/api/v1/credit-splits',
    {
      config: { access: 'credit:approve' },
      schema: {
        tags,
        summary: 'Manual credit splits, newest first (filter pending ones to approve)',
        querystring: listSplitsQuery,
        response: responses({ 200: pageOf(creditSplitSchema) }),
      },
    },
    async (request) => credit.listSplits(db, request.query.status, request.query),
  );

  for (const verdict of ['approve', 'reject'] as const)
    r.post(
      `/api/v1/credit-splits/:id/${verdict}`,
      {
        config: { access: 'credit:approve' },
        schema: {
          tags,
          summary:
            verdict === 'approve'
              ? 'Approve a pending split: its credit replaces the transaction’s current credit (409 SPLIT_SELF_APPROVAL for whoever entered it)'
              : 'Reject a pending split (409 SPLIT_SELF_APPROVAL for whoever entered it)',
          params: idParams,
          body: decideSplitBody,
          response: responses({ 200: creditSplitSchema }),
        },
      },
      async (request) =>
        credit.decideSplit(
          db,
          request.ctx,
          request.params.id,
          verdict === 'approve' ? 'approved' : 'rejected',
          request.body.note,
        ),
    );

  r.get(
    '/api/v1/credit-lines',
    {
      config: { access: 'credit:read' },
      schema: {
        tags,
        summary:
          'Current credit lines in the caller’s sight (a rep its own, a manager its team’s, a partner its own), each with where it came from',
        querystring: listCreditQuery,
        response: responses({ 200: pageOf(creditLineSchema) }),
      },
    },
    async (request) => credit.listCredit(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/exchange-rates',
    {
      config: { access: 'transactions:read' },
      schema: {
        tags,
        summary: 'Exchange rates by pair, newest date first',
        querystring: listRatesQuery,
        response: responses({ 200: pageOf(rateSchema) }),
      },
    },
    async (request) =>
      service.listRatesPage(db, { base: request.query.base, quote: request.query.quote }, request.query),
  );

  r.put(
    '/api/v1/exchange-rates',
    {
      config: { access: 'transactions:write' },
      schema: {
        tags,
        summary:
          'Set the rate of a pair on a date (1 base = rate quote, an exact decimal string); replaces that date’s rate',
        body: rateBody,
        response: responses({ 200: rateSchema }),
      },
    },
    async (request) => rates.setRate(db, request.ctx, request.body),
  );

  r.get(
    '/api/v1/exchange-rates/convert',
    {
      config: { access: 'transactions:read' },
      schema: {
        tags,
        summary:
          'Convert an amount as a transaction on that date would be: the latest rate on or before it (or the inverse pair’s), rounded half to even to the minor unit',
        querystring: convertQuery,
        response: responses({
          200: z.object({
            amount: z.string(),
            currency: z.string(),
            rate: z.string(),
            rateDate: z.string().nullable(),
            inverse: z.boolean(),
          }),
        }),
      },
    },
    async (request) => rates.convert(db, request.query),
  );
}
