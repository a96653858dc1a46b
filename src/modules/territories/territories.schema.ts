import { z } from 'zod';

const territoryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/)
  .describe('letters, digits, _ . -; unique in its model and kept across drafts');

const area = z
  .string()
  .regex(/^(\d{6}|[A-Z]{2})$/)
  .describe(
    'a GB/T 2260 region code (440000 province, 440300 city, 440305 district) or an ISO 3166 country (CN, SG)',
  );

const date = z.iso.date();

export const createModelBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  basedOn: z.uuid().optional().describe('the model to copy; the active one when absent (empty when none)'),
});

export const saveTerritoryBody = z.strictObject({
  code: territoryCode,
  parentCode: territoryCode.nullable().default(null),
  name: z.string().trim().min(1).max(100),
  areas: z
    .array(area)
    .max(500)
    .default([])
    .describe('its own areas; it also covers those of the territories below it'),
});
export type SaveTerritoryInput = z.infer<typeof saveTerritoryBody>;

export const addAuthorisationBody = z
  .strictObject({
    territoryCode,
    partnerId: z.uuid().optional().describe('the partner authorised (or teamId for a direct team)'),
    teamId: z.uuid().optional(),
    industryCodes: z
      .array(z.string().regex(/^([A-T]|\d{2})$/))
      .max(100)
      .default([])
      .describe('GB/T 4754 sections (a letter: all its divisions) or divisions; empty: every industry'),
    productLineCodes: z
      .array(z.string().trim().min(1).max(40))
      .max(100)
      .default([])
      .describe('empty: every line'),
    exclusive: z.boolean().default(false).describe('no other party may hold an overlapping cell'),
    effect: z.enum(['include', 'exclude']).default('include'),
    validFrom: date,
    validUntil: date.nullable().default(null).describe('inclusive; null: until further notice'),
  })
  .superRefine((body, ctx) => {
    if ((body.partnerId === undefined) === (body.teamId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.partnerId === undefined ? 'partnerId' : 'teamId'],
        message: 'name a partner or a team, not both',
        params: { problem: 'one_party' },
      });
    if (body.validUntil !== null && body.validUntil < body.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: 'is before validFrom',
        params: { problem: 'before_valid_from' },
      });
    if (body.exclusive && body.effect === 'exclude')
      ctx.addIssue({
        code: 'custom',
        path: ['exclusive'],
        message: 'an exclude is never exclusive',
        params: { problem: 'exclusive_exclude' },
      });
  });
export type AddAuthorisationInput = z.infer<typeof addAuthorisationBody>;

export const modelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(['draft', 'active', 'retired']),
  basedOn: z.uuid().nullable(),
  activatedAt: z.string().nullable(),
  decisionId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ModelView = z.infer<typeof modelSchema>;

export const territorySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  areas: z.array(z.string()),
  covers: z.array(z.string()).describe('its areas with those of every territory below it'),
});
export type TerritoryView = z.infer<typeof territorySchema>;

export const partySchema = z.object({
  partnerId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
});

export const authorisationSchema = z.object({
  id: z.uuid(),
  territoryCode: z.string(),
  party: partySchema,
  industryCodes: z.array(z.string()),
  productLineCodes: z.array(z.string()),
  exclusive: z.boolean(),
  effect: z.enum(['include', 'exclude']),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
});
export type AuthorisationView = z.infer<typeof authorisationSchema>;

export const mapSchema = z.object({
  model: modelSchema.nullable(),
  territories: z.array(territorySchema),
  authorisations: z.array(authorisationSchema),
});
export type MapView = z.infer<typeof mapSchema>;

const cellSchema = z.object({
  effect: z.enum(['include', 'exclude']),
  regionCode: z.string(),
  industryCode: z.string().nullable().describe('null: every industry'),
  productLineCode: z.string().nullable().describe('null: every line'),
});

export const comparisonSchema = z.object({
  draftId: z.uuid(),
  activeId: z.uuid().nullable(),
  date: z.string(),
  parties: z.array(
    z.object({
      party: z.object({ partnerId: z.uuid().nullable(), teamId: z.uuid().nullable() }),
      gained: z.array(cellSchema),
      lost: z.array(cellSchema),
    }),
  ),
  customers: z.object({
    checked: z.number().int().describe('customers held by partners with a region code'),
    fallingOutside: z
      .number()
      .int()
      .describe('inside their partner’s territory today, outside under the draft'),
    items: z
      .array(
        z.object({
          accountId: z.uuid(),
          legalName: z.string(),
          partnerId: z.uuid(),
          regionCode: z.string(),
          industryCode: z.string().nullable(),
          insideNow: z.boolean(),
        }),
      )
      .describe('customers outside their partner’s territory under the draft (at most 200)'),
  }),
});
export type ComparisonView = z.infer<typeof comparisonSchema>;

export const modelTerritoryParams = z.strictObject({ id: z.uuid(), code: territoryCode });
export const modelAuthorisationParams = z.strictObject({ id: z.uuid(), authorisationId: z.uuid() });
export const comparisonQuery = z.strictObject({
  date: date
    .optional()
    .describe('compare on this business date; today in the organisation’s zone when absent'),
});

export const fenceQuery = z
  .strictObject({
    partnerId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    regionCode: z.string().regex(/^(\d{6}|[A-Z]{2})$/),
    industryCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional()
      .describe('GB/T 4754 division; absent: not known'),
    productLineCode: z.string().trim().min(1).max(40).optional().describe('absent: any line'),
    accountId: z.uuid().optional().describe('the customer, for an exception granted on it'),
    date: date.optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.partnerId === undefined) === (q.teamId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [q.partnerId === undefined ? 'partnerId' : 'teamId'],
        message: 'name a partner or a team, not both',
        params: { problem: 'one_party' },
      });
  });
export type FenceQueryInput = z.infer<typeof fenceQuery>;

export const authorisedScopeSchema = z.object({
  authorisationId: z.uuid(),
  territoryCode: z.string(),
  effect: z.enum(['include', 'exclude']),
  exclusive: z.boolean(),
  regions: z.array(z.string()),
  industries: z.array(z.string()),
  productLines: z.array(z.string()),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
});

export const fenceSchema = z.object({
  allowed: z.boolean(),
  via: z.object({ kind: z.enum(['authorisation', 'exception']), id: z.uuid() }).nullable(),
  code: z.literal('OUTSIDE_TERRITORY').nullable(),
  reason: z.enum(['excluded', 'not_included']).nullable(),
  authorised: z.array(authorisedScopeSchema).describe('what the party is authorised for on that date'),
});
export type FenceView = z.infer<typeof fenceSchema>;

export const grantExceptionBody = z
  .strictObject({
    partnerId: z.uuid(),
    accountId: z.uuid().optional(),
    regionCode: z
      .string()
      .regex(/^(\d{6}|[A-Z]{2})$/)
      .optional(),
    note: z.string().trim().min(1).max(1000),
    expiresOn: date.describe('the last business date the exception holds'),
  })
  .superRefine((body, ctx) => {
    if ((body.accountId === undefined) === (body.regionCode === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.accountId === undefined ? 'accountId' : 'regionCode'],
        message: 'name a customer or a region, not both',
        params: { problem: 'one_subject' },
      });
  });
export type GrantExceptionInput = z.infer<typeof grantExceptionBody>;

export const exceptionSchema = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  account: z.object({ id: z.uuid(), legalName: z.string() }).nullable(),
  regionCode: z.string().nullable(),
  note: z.string(),
  expiresOn: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
  status: z.enum(['live', 'expired', 'revoked']),
});
export type ExceptionView = z.infer<typeof exceptionSchema>;

export const listExceptionsQuery = z.strictObject({ partnerId: z.uuid().optional() });
