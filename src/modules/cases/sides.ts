import type { Evidence } from '../../kernel/index.js';

/**
 * Who is party to a conflict case, read from the evidence a registration's matching wrote, and which side a
 * reader stands on. Pure: what a party may read of a case follows from these.
 */

/** Refusals that are collisions: the customer is a direct rep's, another claim's, or a direct rep is on it. */
export const COLLISION_CODES = ['DIRECT_CUSTOMER', 'PROTECTED_UNTIL', 'RECENT_DIRECT_FOLLOW_UP'] as const;
export const isCollision = (code: string | null | undefined) =>
  !!code && (COLLISION_CODES as readonly string[]).includes(code);

export interface Parties {
  accountId: string | null;
  /** The direct side: the account's owner when no partner holds it. */
  directOwnerId: string | null;
  /** The registration holding the customer (another partner's), where one does. */
  otherRegistrationId: string | null;
  /** The partner holding the customer: by that registration, or by its own hold on the account. */
  otherPartnerId: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

/** The other side of a registration's refusal, from its decision's evidence (`registration.account`/`.held`). */
export function partiesFrom(evidence: readonly Evidence[], partnerId: string): Parties {
  const account = evidence.find((e) => e.code === 'registration.account')?.params ?? {};
  const held = evidence
    .filter((e) => e.code === 'registration.held' && str(e.params.partnerId) !== partnerId)
    .map((e) => e.params);
  const heldBy = held[0] ?? null;
  const accountPartner = str(account.partnerId);
  const otherPartnerId =
    str(heldBy?.partnerId) ?? (accountPartner && accountPartner !== partnerId ? accountPartner : null);
  return {
    accountId: str(account.accountId),
    directOwnerId: accountPartner ? null : str(account.ownerId),
    otherRegistrationId: str(heldBy?.registrationId),
    otherPartnerId,
  };
}

export type Viewer = 'channel' | 'claimant' | 'holder';

/**
 * The side a reader stands on: a partner's people the claimant's when the claiming registration is theirs,
 * otherwise the holder's; direct staff (who see a case only about their customers) the holder's; the
 * channel (scope all) both.
 */
export function viewerOf(
  actor: { scope: string; partnerId: string | null },
  c: { partner_id: string },
): Viewer {
  if (actor.scope === 'all') return 'channel';
  if (actor.scope === 'partner') return actor.partnerId === c.partner_id ? 'claimant' : 'holder';
  return 'holder';
}

/** Past a due instant while still open: no first response by `respondBy`, or no decision by `decideBy`. */
export function isOverdue(
  c: { status: string; respond_by: string; decide_by: string; first_response_at: string | null },
  now: Date,
): boolean {
  if (c.status !== 'open' && c.status !== 'under_review') return false;
  const t = now.getTime();
  return (!c.first_response_at && Date.parse(c.respond_by) < t) || Date.parse(c.decide_by) < t;
}
