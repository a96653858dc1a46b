import { evidence, type Evidence, type JsonObject, type Work } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';
import {
  assignAccount,
  type AccountToAssign,
  type Assignment,
  type AssignmentTarget,
  type AssignTrigger,
} from '../assignment/index.js';
import { applyMoves, type Holder } from './ledger.js';

export interface InitialOwner {
  ownerId: string | null;
  partnerId: string | null;
  /** Where the assignment rules put it instead of a person: a team's queue or a pool. */
  queue?: { type: 'team'; teamId: string } | { type: 'pool'; poolId: string };
  notApplied?: { rule: { id: string; version: number; params: JsonObject }; evidence: Evidence[] }[];
  /** Why: the rule that chose the owner, as evidence for the admission decision. */
  evidence: Evidence;
  /** When the first claim ends, where the admitting module says (a partner's protection through a date). */
  endsAt?: string;
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
    : owner.queue
      ? owner.queue
      : owner.partnerId
        ? { type: 'partner', partnerId: owner.partnerId }
        : null;
  if (!to) return;
  // The account was inserted by this unit of work a moment ago: it has no claim yet to read or end.
  await applyMoves(
    w,
    [
      {
        accountId,
        to,
        via: owner.queue || owner.notApplied ? 'assignment' : 'admission',
        decisionId,
        ...(owner.endsAt !== undefined && { endsAt: owner.endsAt }),
      },
    ],
    { current: new Map() },
  );
}

/**
 * Why the assignment rules put a customer where they did, as one evidence item of the decision that moves
 * it: the rule that fired, with the engine's own evidence (the target, the reps passed by and why) nested.
 * The rules tried before it go into the decision's `notApplied`. Every move by rule — admission, release,
 * transfer, a published set applied to existing customers — records it in this shape.
 */
export function assignedEvidence(
  assigned: Pick<Assignment, 'rule' | 'target' | 'evidence'>,
  trigger: AssignTrigger | 'publish',
): Evidence {
  const why = evidence('owner.assigned', {
    ruleId: assigned.rule.id,
    version: assigned.rule.version,
    target: assigned.target.type,
    trigger,
  });
  return { ...why, evidence: assigned.evidence };
}

/** Where the assignment rules send a customer, as a holder of the ledger. */
export function assignedHolder(target: AssignmentTarget): Holder {
  switch (target.type) {
    case 'user':
      return { type: 'user', userId: target.userId, partnerId: null };
    case 'team':
      return { type: 'team', teamId: target.teamId };
    case 'pool':
      return { type: 'pool', poolId: target.poolId };
  }
}

/**
 * The holder of a customer just admitted, where the assignment rules decide it: a customer entered by
 * someone who acts over everyone (sales ops, an admin, an integration's token) or imported without an owner
 * column goes where the published rules send it; one a rep, a manager or a partner brings in stays theirs
 * (they found it), as does one a file names an owner for. No published rule set, or no rule that applies:
 * the person who brought it in.
 */
export async function chooseInitialOwner(
  w: Work,
  account: AccountToAssign,
  trigger: 'create' | 'import',
  fromFile?: OwnerFromFile,
): Promise<InitialOwner> {
  const fallback = initialOwner(w.actor, fromFile);
  if (fromFile || w.actor.scope !== 'all') return fallback;
  const assigned = await assignAccount(w, account, trigger);
  if (!assigned) return fallback;
  const base = {
    partnerId: null,
    evidence: assignedEvidence(assigned, trigger),
    notApplied: assigned.notApplied,
  };
  switch (assigned.target.type) {
    case 'user':
      return { ...base, ownerId: assigned.target.userId };
    case 'team':
      return { ...base, ownerId: null, queue: { type: 'team', teamId: assigned.target.teamId } };
    case 'pool':
      return { ...base, ownerId: null, queue: { type: 'pool', poolId: assigned.target.poolId } };
  }
}
