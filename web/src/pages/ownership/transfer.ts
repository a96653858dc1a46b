import type { TransferBody } from '../../api/types.js';

/** One customer's part in a handover: moved, or refused with the server's error (shown through i18n). */
export type TransferOutcome =
  | { accountId: string; moved: true; opportunitiesMoved: number }
  | { accountId: string; moved: false; error: unknown };

/**
 * The server moves a batch all or nothing; sent one customer at a time, a refusal (the owner has no manager,
 * the customer was archived meanwhile) stops only that customer and the others still move.
 */
export async function transferOneByOne(
  body: TransferBody,
  send: (one: TransferBody) => Promise<{ moved: number; opportunitiesMoved: number }>,
): Promise<TransferOutcome[]> {
  const outcomes: TransferOutcome[] = [];
  for (const accountId of new Set(body.accountIds)) {
    try {
      const reply = await send({ ...body, accountIds: [accountId] });
      outcomes.push({ accountId, moved: true, opportunitiesMoved: reply.opportunitiesMoved });
    } catch (error) {
      outcomes.push({ accountId, moved: false, error });
    }
  }
  return outcomes;
}

export const movedCount = (outcomes: readonly TransferOutcome[]) => outcomes.filter((o) => o.moved).length;
