import { evidence, type Evidence, type Work } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';
import { applyMoves, type Holder } from './ledger.js';

export interface InitialOwner {
  ownerId: string | null;
  partnerId: string | null;
  /** Why: the rule that chose the owner, as evidence for the admission decision. */
  evidence: Evidence;
}

/** An owner an imported file names in its owner column, already checked by fileOwnerProblem. */
export interface OwnerFromFile {
  userId: string;
  login: string;
  partnerId: string | null;
  importId: string;
  lines: number[];
}

/**
 * Who holds a customer the moment it is admitted. The person who brought it in, with that person's partner
 * (a partner's people bring customers in for their partner) — or the user an imported file names, where
 * the importer may assign (see file-owner.ts), recorded as coming from the file. The ownership module
 * replaces this with assignment rules, pools and protection periods; admission asks here and nowhere else.
 */
export function initialOwner(actor: Actor, fromFile?: OwnerFromFile): InitialOwner {
  if (fromFile) {
    return {
      ownerId: fromFile.userId,
      partnerId: fromFile.partnerId,
      evidence: evidence('owner.from_file', {
        ownerId: fromFile.userId,
        login: fromFile.login,
        partnerId: fromFile.partnerId,
        importId: fromFile.importId,
        lines: fromFile.lines,
        assignedBy: actor.id,
      }),
    };
  }
  return {
    ownerId: actor.id,
    partnerId: actor.partnerId,
    evidence: evidence('owner.creator', { ownerId: actor.id, partnerId: actor.partnerId }),
  };
}

/** Opens the ledger's first claim for a customer just admitted, as `initialOwner` chose its holder. */
export async function openInitialClaim(w: Work, accountId: string, owner: InitialOwner, decisionId: string) {
  const to: Holder | null = owner.ownerId
    ? { type: 'user', userId: owner.ownerId, partnerId: owner.partnerId }
    : owner.partnerId
      ? { type: 'partner', partnerId: owner.partnerId }
      : null;
  if (!to) return;
  await applyMoves(w, [{ accountId, to, via: 'admission', decisionId }]);
}
