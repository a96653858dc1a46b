import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { responses } from '../../http/schemas.js';
import { getAttainment } from './attainment.service.js';

const money = z.string().describe('decimal string: money in the plan currency’s major unit, units as units');

const periodPoint = z.object({
  periodId: z.uuid(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(['open', 'calculated', 'approved', 'locked', 'paid']),
  target: money.nullable(),
  measure: money.nullable(),
  attainment: z.string().nullable().describe('percent, two decimals rounded down'),
  payout: money.nullable(),
  currency: z.string(),
});

const forecastSchema = z.object({
  periodId: z.uuid().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  asOf: z.string(),
  elapsedDays: z.number().int().describe('days elapsed at the latest calculation (0: none yet)'),
  daysInPeriod: z.number().int(),
  measureSoFar: money.nullable(),
  runRate: money,
  pipeline: z.object({
    weighted: money,
    opportunities: z.number().int(),
    skipped: z.number().int().describe('open opportunities in another currency (or any, on a units plan)'),
    weights: z.record(z.string(), z.string()).describe('percent weight per opportunity stage'),
  }),
  projected: money,
  target: money.nullable(),
  attainment: z.string().nullable(),
  currency: z.string(),
});

export const attainmentSchema = z.object({
  planId: z.uuid(),
  measure: z.enum(['gross', 'net', 'margin', 'units']),
  currency: z.string(),
  payees: z.array(
    z.object({
      payee: z.object({
        id: z.uuid(),
        type: z.enum(['user', 'partner']),
        refId: z.uuid(),
        name: z.string(),
      }),
      periods: z.array(periodPoint),
      forecast: forecastSchema.nullable(),
    }),
  ),
});

export function attainmentRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/commission/attainment',
    {
      config: { access: 'commission:read' },
      schema: {
        tags: ['commission'],
        summary:
          'Attainment per period of a plan (from each period’s current calculation) and a forecast of the running period (run rate + stage-weighted open opportunities), for one payee, a team (teamId), or the caller itself; a payee sees its own periods once locked',
        querystring: z.strictObject({
          planId: z.uuid(),
          payeeId: z.uuid().optional(),
          teamId: z.uuid().optional().describe('every payee of the plan in this team and the teams below it'),
        }),
        response: responses({ 200: attainmentSchema }),
      },
    },
    async (request) => getAttainment(db, request.ctx, request.query),
  );
}
