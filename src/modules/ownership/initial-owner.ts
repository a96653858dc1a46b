import { evidence, type Evidence } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';

export interface InitialOwner {
  ownerId: string | null;
  partnerId: string | null;
  /** Why: the rule that chose the owner, as evidence for the admission decision. */
  evidence: Evidence;
}

/**
 * Who holds a customer the moment it is admitted. Today one rule: the person who brought it in, with that
 * person's partner (a partner's people bring customers in for their partner). The ownership module replaces
 * this with assignment rules, pools and protection periods; admission asks here and nowhere else.
 */
export function initialOwner(actor: Actor): InitialOwner {
  return {
    ownerId: actor.id,
    partnerId: actor.partnerId,
    evidence: evidence('owner.creator', { ownerId: actor.id, partnerId: actor.partnerId }),
  };
}
