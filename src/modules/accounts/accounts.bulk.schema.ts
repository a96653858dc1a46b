import { z } from 'zod';

/** The most accounts one bulk request may name: a page of a long list, not the whole list. */
export const BULK_LIMIT = 500;

/**
 * Why an account named in a bulk request was left alone. `not_visible`: missing or out of the caller's
 * sight (the two are told alike); `not_allowed`: in sight, but its state forbids it (merged into another);
 * `already_archived`: nothing to do; `read_only`: in sight as a collaborator on its account team, which does
 * not change the customer.
 */
export const BULK_REFUSALS = ['not_visible', 'not_allowed', 'already_archived', 'read_only'] as const;
export type BulkRefusal = (typeof BULK_REFUSALS)[number];

export const bulkArchiveBody = z.strictObject({
  ids: z
    .array(z.uuid())
    .min(1)
    .max(BULK_LIMIT)
    .describe(`the accounts to archive, at most ${BULK_LIMIT}; a repeated id counts once`),
  reason: z.string().trim().min(1).max(500).describe('why: kept in the audit record of each account'),
});
export type BulkArchiveInput = z.infer<typeof bulkArchiveBody>;

export const bulkArchiveResultSchema = z.object({
  archived: z.array(z.uuid()).describe('the accounts archived, each with its own audit record'),
  refused: z
    .array(
      z.object({
        id: z.uuid(),
        code: z.enum(BULK_REFUSALS),
        params: z
          .object({ status: z.string() })
          .optional()
          .describe('for not_allowed: the state that forbids it'),
      }),
    )
    .describe('the accounts left as they were, in the order asked, each with why'),
});
export type BulkArchiveResult = z.infer<typeof bulkArchiveResultSchema>;
