import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { idParams, responses } from '../../http/schemas.js';
import { fromMinor } from '../activities/index.js';
import {
  calculateResult,
  myStatementSchema,
  periodSchema,
  statementList,
  statementParams,
  statementSchema,
  whatIfBody,
  whatIfResult,
} from './periods.schema.js';
import * as periods from './periods.service.js';
import * as statements from './statements.service.js';

export function commissionPeriodRoutes(app: FastifyInstance, db: Db) {
  const tags = ['commission'];
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/commission/plans/:id/periods',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'The plan’s periods, oldest first; every period from the first published version to today is opened on demand',
        params: idParams,
        response: responses({ 200: z.array(periodSchema) }),
      },
    },
    async (request) => statements.listPeriods(db, request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/commission/periods/:id/calculate',
    {
      config: { access: 'commission:approve' },
      schema: {
        tags,
        summary:
          'Calculate an open or calculated period (a new snapshot); on a locked or paid period, recalculate: a new snapshot and adjustments in the next open period for every difference, never an edit',
        params: idParams,
        response: responses({ 200: calculateResult }),
      },
    },
    async (request) => {
      const out = await periods.calculate(db, request.ctx, request.params.id);
      return {
        ...out,
        snapshot: { ...out.snapshot, payout: fromMinor(out.snapshot.payout, out.currency) },
        adjustments: out.adjustments.map((a) => ({ ...a, amount: fromMinor(a.amount, out.currency) })),
      };
    },
  );

  for (const step of ['approve', 'lock', 'pay'] as const)
    r.post(
      `/api/v1/commission/periods/:id/${step}`,
      {
        config: { access: 'commission:approve' },
        schema: {
          tags,
          summary: {
            approve: 'Approve a calculated period',
            lock: 'Lock an approved period: its statements become visible to their payees and never change',
            pay: 'Mark a locked period paid',
          }[step],
          params: idParams,
          response: responses({ 200: z.object({ id: z.uuid(), status: z.string() }) }),
        },
      },
      async (request) => {
        const p = await periods.step(db, request.ctx, request.params.id, step);
        return { id: p.id, status: p.status };
      },
    );

  r.get(
    '/api/v1/commission/periods/:id/statements',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'Every statement of a period the caller may see (finance: the current calculation; payees and managers: the locked one)',
        params: idParams,
        response: responses({ 200: statementList }),
      },
    },
    async (request) => statements.listStatements(db, request.ctx, request.params.id),
  );

  r.get(
    '/api/v1/commission/periods/:id/statements/:payeeId',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary:
          'One payee’s statement: its lines with their formulas, and the credit lines that counted ("how was this computed")',
        params: statementParams,
        response: responses({ 200: statementSchema }),
      },
    },
    async (request) => statements.getStatement(db, request.ctx, request.params.id, request.params.payeeId),
  );

  r.get(
    '/api/v1/commission/my/statements',
    {
      config: { access: 'commission:read' },
      schema: {
        tags,
        summary: 'The caller’s own statements of locked periods, newest first',
        response: responses({ 200: z.array(myStatementSchema) }),
      },
    },
    async (request) => statements.myStatements(db, request.ctx),
  );

  r.post(
    '/api/v1/commission/plans/:id/what-if',
    {
      config: { access: 'commission:configure' },
      schema: {
        tags,
        summary:
          'Run other rules over past periods of the plan and compare each payee’s earned with the current calculation; nothing is saved',
        params: idParams,
        body: whatIfBody,
        response: responses({ 200: whatIfResult }),
      },
    },
    async (request) => statements.whatIfView(db, request.ctx, request.params.id, request.body),
  );
}
