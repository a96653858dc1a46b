import { z } from 'zod';
import { planRules } from './rules.js';

/**
 * Periods, statements and what-if in the API. Money is a decimal string in the plan currency's major unit
 * with `currency` beside it; attainment a percent string; a line's formula is an evidence code with its
 * parameters, which the web renders in the reader's language.
 */

const money = z.string().describe('a decimal string in the plan currency’s major unit');
const status = z.enum(['open', 'calculated', 'approved', 'locked', 'paid']);

export const periodSchema = z.object({
  id: z.uuid(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status,
  currency: z.string(),
  payout: money.nullable(),
  payees: z.number().int().nullable(),
  seq: z.number().int().nullable(),
  calculatedAt: z.string().nullable(),
  lockedAt: z.string().nullable(),
});

const periodRef = z.object({
  id: z.uuid(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.string(),
});

export const calculateResult = z.object({
  periodId: z.uuid(),
  currency: z.string(),
  snapshot: z.object({
    id: z.uuid(),
    seq: z.number().int(),
    kind: z.enum(['calculation', 'recalculation']),
    payees: z.number().int(),
    payout: money,
  }),
  adjustments: z.array(z.object({ id: z.uuid(), payeeId: z.uuid(), kind: z.string(), amount: money })),
});

const result = z.object({
  currency: z.string(),
  measure: z.string(),
  target: z.string(),
  attainment: z.string().nullable().describe('percent, exact to 4 decimals'),
  tier: z.number().int().nullable().describe('index of the tier reached, from 0'),
  earned: money,
  payout: money,
  carried: money.describe('a negative balance carried to the next period'),
  drawBalance: money.describe('recoverable draw still to be recovered'),
});

const payeeRef = z.object({ type: z.enum(['user', 'partner']), id: z.string(), name: z.string() });

export const statementList = z.object({
  period: periodRef,
  statements: z.array(z.object({ payeeId: z.uuid(), payee: payeeRef }).extend(result.shape)),
});

const formula = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) });

export const statementSchema = z.object({
  period: periodRef,
  plan: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  version: z.object({ id: z.uuid(), version: z.number().int(), effectiveFrom: z.string() }),
  snapshot: z.object({ id: z.uuid(), seq: z.number().int(), kind: z.string(), calculatedAt: z.string() }),
  payee: z.object({ id: z.uuid(), type: z.enum(['user', 'partner']), name: z.string() }),
  result,
  lines: z.array(
    z.object({
      id: z.uuid(),
      lineNo: z.number().int(),
      kind: z.string(),
      amount: money,
      basis: money.nullable(),
      rate: z.string().nullable(),
      tier: z.number().int().nullable(),
      formula,
      adjustment: z
        .object({
          id: z.uuid(),
          kind: z.string().nullable(),
          reason: z.record(z.string(), z.unknown()).nullable(),
          versionId: z.string().nullable(),
          sourcePeriodId: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  credits: z.array(
    z.object({
      creditLineId: z.string(),
      transactionId: z.string(),
      externalId: z.string().nullable(),
      kind: z.string().nullable(),
      date: z.string().nullable(),
      customer: z.object({ id: z.string(), legalName: z.string() }).nullable(),
      measure: z.string(),
      payOn: money,
      commission: money,
    }),
  ),
  explanation: z.unknown(),
  reproduced: z
    .boolean()
    .describe(
      'the credit lines below, read as they stood when the snapshot was calculated, give its earned amount again',
    ),
});

export const myStatementSchema = z.object({
  periodId: z.uuid(),
  payeeId: z.uuid(),
  plan: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.string(),
  currency: z.string(),
  attainment: z.string().nullable(),
  payout: money,
});

export const statementParams = z.strictObject({ id: z.uuid(), payeeId: z.uuid() });

export const whatIfBody = z.strictObject({
  rules: planRules,
  periodStarts: z.array(z.iso.date()).min(1).max(24),
});

export const whatIfResult = z.object({
  currency: z.string(),
  periods: z.array(
    z.object({
      periodStart: z.string(),
      payees: z.array(
        z.object({
          payeeId: z.uuid(),
          name: z.string(),
          current: money.nullable(),
          whatIf: money,
          difference: money,
        }),
      ),
    }),
  ),
});
