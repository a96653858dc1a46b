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
import { channelReportQuery, channelReportSchema } from './channel.schema.js';
import { channelReport } from './channel.service.js';

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

  r.get(
    '/api/v1/reports/channel',
    {
      config: { access: 'partners:read' },
      schema: {
        tags,
        summary:
          'Deal registrations submitted in the window, by partner and status: approval time (median and p90 ' +
          'hours, submitted → decided), conflict rate (refused or held over a collision with a direct customer ' +
          'or another registration), approval and win rates, and a scorecard per partner with amounts summed ' +
          'per currency. The channel sees every partner; a partner’s people their own partner only; a partner ' +
          'filter out of sight is 404',
        querystring: channelReportQuery,
        response: responses({ 200: channelReportSchema }),
      },
    },
    async (request) => channelReport(db, request.ctx, request.query),
  );
}
