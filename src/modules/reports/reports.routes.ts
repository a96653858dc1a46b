import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { responses } from '../../http/schemas.js';
import {
  distributionReportSchema,
  kpisSchema,
  overlapReportSchema,
  reportRangeQuery,
} from './reports.schema.js';
import * as service from './reports.service.js';

export function reportRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  r.get(
    '/api/v1/reports/distribution',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'The published distribution report (公开透明): per internal rep, accounts received, claimed, released and ' +
          'lost to recovery in the window, and held now, with the pool and recovery rules in force. No customer ' +
          'details; every internal user sees all of it; partners none (403)',
        querystring: reportRangeQuery,
        response: responses({ 200: distributionReportSchema }),
      },
    },
    async (request) => service.distributionReport(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/reports/overlap',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'Accounts in the caller’s scope touched by more than one party in the window (follow-ups by non-owners, ' +
          'repeated changes of hands, transfers and granted requests, access requests on owned customers) and the ' +
          'overlap rate per week. Partners: 403',
        querystring: reportRangeQuery,
        response: responses({ 200: overlapReportSchema }),
      },
    },
    async (request) => service.overlapReport(db, request.ctx, request.query),
  );

  r.get(
    '/api/v1/reports/kpis',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary:
          'Protections expiring within 3, 7 and 30 days (caller’s scope), pool sizes and flow over 30 days, and the ' +
          'median time from release to claim. Partners: 403',
        response: responses({ 200: kpisSchema }),
      },
    },
    async (request) => service.kpis(db, request.ctx),
  );
}
