import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { amountText, currencyCode, percentText } from '../activities/money.schema.js';

/**
 * Transactions, exchange rates and credit in the API. Amounts are decimal strings in the currency's major
 * unit ("-1200.50"), never JSON numbers; returns and credit notes carry negative amounts (see `SIGN_RULE`).
 * Whether an amount's decimals fit its currency and its sign fits the kind is checked in one place
 * (`transaction-input.ts`), for the API and for files alike, so every problem names its field.
 */

export const TRANSACTION_KINDS = ['order', 'invoice', 'payment', 'return', 'credit_note'] as const;
export type TransactionKindName = (typeof TRANSACTION_KINDS)[number];

export const SIGN_RULE =
  'orders, invoices and payments: gross, discount and net are zero or positive; returns and credit notes: ' +
  'zero or negative (the discount carries the sign of the gross). net = gross − discount. Margin may be ' +
  'either sign.';

const signedAmount = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe('a decimal string in the currency’s major unit; negative for returns and credit notes');

export const customerRef = z
  .strictObject({
    accountId: z.uuid().optional(),
    uscc: z.string().trim().min(1).max(40).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .describe(
    'the customer: its account id, or its unified social credit code and/or name, matched by the identity engine',
  );

export const transactionLineInput = z.strictObject({
  productId: z.uuid().optional(),
  productCode: z.string().trim().min(1).max(40).optional(),
  quantity: z.number().int().min(1).max(1_000_000_000).default(1),
  gross: signedAmount,
  discount: signedAmount.optional(),
  net: signedAmount.optional().describe('gross − discount; refused when given and different'),
  margin: signedAmount.optional(),
});

export const transactionInput = z.strictObject({
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe('the source system’s id: re-sending it is idempotent'),
  kind: z.enum(TRANSACTION_KINDS),
  customer: customerRef,
  currency: currencyCode,
  transactionDate: z.iso.date(),
  invoiceDate: z.iso.date().optional(),
  paidDate: z.iso.date().optional(),
  lines: z.array(transactionLineInput).min(1).max(500),
  correctionReason: z.string().trim().min(1).max(500).optional(),
  reversesExternalId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'returns and credit notes: the external id of the sale they reverse (for commission clawbacks)',
    ),
});
export type TransactionInput = z.infer<typeof transactionInput>;

export const batchBody = z.strictObject({ items: z.array(transactionInput).min(1).max(1000) });

export const OUTCOMES = ['created', 'unchanged', 'corrected'] as const;

export const creditLineSchema = z.object({
  id: z.uuid(),
  transactionId: z.uuid(),
  payee: z.object({
    type: z.enum(['user', 'partner', 'unassigned']),
    id: z.uuid().nullable(),
    name: z.string().nullable(),
  }),
  role: z.string(),
  overlay: z.boolean().describe('credit on top of the 100 %: not part of the revenue split'),
  share: z.string().describe('percentage, e.g. "33.34"'),
  amount: z.string(),
  currency: z.string(),
  source: z.string(),
  sourceId: z.string().nullable(),
  evidence: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) })),
  decisionId: z.uuid(),
  superseded: z.boolean(),
  transaction: z.object({ externalId: z.string(), kind: z.string(), transactionDate: z.string() }).optional(),
});

export const transactionLineSchema = z.object({
  lineNo: z.number().int(),
  product: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  quantity: z.number().int(),
  gross: z.string(),
  discount: z.string(),
  net: z.string(),
  margin: z.string().nullable(),
});

export const transactionSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  version: z.number().int(),
  current: z.boolean(),
  kind: z.enum(TRANSACTION_KINDS),
  account: z.object({ id: z.uuid(), legalName: z.string() }),
  currency: z.string(),
  gross: z.string(),
  discount: z.string(),
  net: z.string(),
  margin: z.string().nullable(),
  transactionDate: z.string(),
  invoiceDate: z.string().nullable(),
  paidDate: z.string().nullable(),
  base: z.object({
    currency: z.string(),
    net: z.string(),
    rate: z.string().describe('1 transaction currency = rate base currency'),
    rateDate: z.string().nullable(),
  }),
  supersedesId: z.uuid().nullable(),
  supersededBy: z.uuid().nullable(),
  correctionReason: z.string().nullable(),
  source: z.enum(['api', 'import']),
  createdAt: z.string(),
  lines: z.array(transactionLineSchema),
});
export type TransactionView = z.infer<typeof transactionSchema>;

export const transactionDetailSchema = transactionSchema.extend({
  versions: z.array(
    z.object({
      id: z.uuid(),
      version: z.number().int(),
      createdAt: z.string(),
      correctionReason: z.string().nullable(),
    }),
  ),
  credit: z.array(creditLineSchema),
  splits: z.array(z.lazy(() => creditSplitSchema)),
});

export const recordResult = z.object({
  outcome: z.enum(OUTCOMES),
  transaction: transactionSchema,
});

export const batchResult = z.object({
  created: z.number().int(),
  unchanged: z.number().int(),
  corrected: z.number().int(),
  items: z.array(
    z.object({ externalId: z.string(), outcome: z.enum(OUTCOMES), id: z.uuid(), version: z.number().int() }),
  ),
});

export const listTransactionsQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('external id starts with'),
  kind: z.enum(TRANSACTION_KINDS).optional(),
  accountId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ...pageQuery,
});
export type ListTransactionsQuery = z.infer<typeof listTransactionsQuery>;

export const importQuery = z.strictObject({ filename: z.string().trim().min(1).max(200) });

export const rateBody = z.strictObject({
  base: currencyCode,
  quote: currencyCode,
  date: z.iso.date(),
  rate: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,12})?$/)
    .describe('1 base = rate quote, an exact decimal string with up to 12 decimals, e.g. "7.1234"'),
});
export type RateInput = z.infer<typeof rateBody>;

export const rateSchema = z.object({
  base: z.string(),
  quote: z.string(),
  date: z.string(),
  rate: z.string(),
  setAt: z.string(),
});

export const listRatesQuery = z.strictObject({
  base: currencyCode.optional(),
  quote: currencyCode.optional(),
  ...pageQuery,
});
export type ListRatesQuery = z.infer<typeof listRatesQuery>;

export const convertQuery = z.strictObject({
  from: currencyCode,
  to: currencyCode,
  date: z.iso.date(),
  amount: amountText,
});

export const SPLIT_ROLES = ['primary', 'assisting', 'overlay'] as const;

export const splitBody = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  lines: z
    .array(
      z.strictObject({
        userId: z.uuid().optional(),
        partnerId: z.uuid().optional(),
        role: z.enum(SPLIT_ROLES),
        share: percentText.describe('per cent of the amount, up to two decimals; primary + assisting = 100'),
      }),
    )
    .min(1)
    .max(20),
});
export type SplitInput = z.infer<typeof splitBody>;

export const creditSplitSchema = z.object({
  id: z.uuid(),
  transactionId: z.uuid(),
  status: z.enum(['pending', 'approved', 'rejected']),
  reason: z.string(),
  lines: z.array(
    z.object({
      payee: z.object({ type: z.enum(['user', 'partner']), id: z.uuid() }),
      role: z.enum(SPLIT_ROLES),
      share: z.string(),
    }),
  ),
  enteredBy: z.uuid(),
  enteredAt: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type CreditSplitView = z.infer<typeof creditSplitSchema>;

export const decideSplitBody = z.strictObject({ note: z.string().trim().max(500).optional() });

export const listSplitsQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  ...pageQuery,
});

export const listCreditQuery = z.strictObject({
  userId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  ...pageQuery,
});
export type ListCreditQuery = z.infer<typeof listCreditQuery>;
