import { z } from 'zod';
import { pageQuery } from '../../http/pagination.js';
import { person } from './money.schema.js';

export const FOLLOW_UP_KINDS = ['call', 'visit', 'meeting', 'email', 'message'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** How far ahead of the server's clock a follow-up may be dated: phones' clocks drift. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

const location = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  label: z.string().trim().max(200).optional(),
});

export const createFollowUpBody = z
  .strictObject({
    kind: z.enum(FOLLOW_UP_KINDS),
    at: z.iso.datetime({ offset: true }).describe('when it happened (ISO-8601); not in the future'),
    note: z.string().trim().min(1).max(4000),
    nextStep: z
      .strictObject({
        text: z.string().trim().min(1).max(1000),
        at: z.iso.date().optional().describe('by when, a business date'),
      })
      .optional(),
    location: location.optional().describe('a visit’s check-in place, as the phone reported it'),
  })
  .superRefine((body, ctx) => {
    if (Date.parse(body.at) > Date.now() + CLOCK_SKEW_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['at'],
        message: 'is in the future',
        params: { problem: 'in_future' },
      });
    if (body.location && body.kind !== 'visit')
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: 'a check-in location belongs to a visit',
        params: { problem: 'only_for_visit' },
      });
  });
export type CreateFollowUpInput = z.infer<typeof createFollowUpBody>;

export const listFollowUpsQuery = z.strictObject({ ...pageQuery });

export const followUpSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  kind: z.enum(FOLLOW_UP_KINDS),
  at: z.string(),
  note: z.string(),
  nextStep: z.object({ text: z.string(), at: z.string().nullable() }).nullable(),
  location: location.nullable(),
  byOwner: z.boolean().describe('the author held the customer when it was logged'),
  author: person.nullable().describe('who logged it, where the caller may see that user'),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type FollowUpView = z.infer<typeof followUpSchema>;

export const followUpPageSchema = z.object({
  items: z.array(followUpSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  byOthers: z
    .number()
    .int()
    .describe('follow-ups on this customer by someone other than its owner at the time: overlap'),
});
