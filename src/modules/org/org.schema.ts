import { z } from 'zod';
import { LANGUAGES } from '../users/users.schema.js';

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
const currencies = new Set(Intl.supportedValuesOf('currency'));

const threshold = z.number().gt(0).lt(1).multipleOf(0.001);

export const orgSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  defaultLanguage: z.enum(LANGUAGES),
  matchSameThreshold: z
    .number()
    .describe('duplicate check: score at or above which two records are the same'),
  matchPossibleThreshold: z.number().describe('score at or above which they are possibly the same'),
  revealOwnerOnConflict: z
    .boolean()
    .describe(
      'a user whose new customer exists out of its sight is told the owner’s name and team, to know whom ' +
        'to talk to (never the customer’s data; never to partners). On by default',
    ),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof orgSchema>;

export const updateOrgBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    timeZone: z
      .string()
      .refine((tz) => timeZones.has(tz) || tz === 'UTC', 'must be an IANA time zone such as Asia/Shanghai'),
    currency: z
      .string()
      .toUpperCase()
      .refine((c) => currencies.has(c), 'must be an ISO 4217 currency code such as CNY'),
    defaultLanguage: z.enum(LANGUAGES),
    matchSameThreshold: threshold,
    matchPossibleThreshold: threshold,
    revealOwnerOnConflict: z.boolean(),
  })
  .partial();
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;
