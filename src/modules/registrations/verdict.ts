import type { Refusal } from './registrations.schema.js';

/**
 * Whether a registration may hold its customer, decided from facts gathered under the customer's locks.
 * Pure: the order below is the rule, and what it returns is all a partner is told — never who else holds
 * the customer nor anything of their deal.
 */
export interface ScreenFacts {
  partnerId: string;
  /** Registrations holding the same customer (for the same product lines, where protection is per line). */
  held: readonly { registrationId: string; partnerId: string; protectedUntil: string | null }[];
  /** The account this customer already is, as the ownership ledger holds it. */
  account: {
    direct: boolean;
    /** Another partner holds it outside any registration (a partner's own customer), until this date. */
    otherPartner: { partnerId: string; until: string | null } | null;
  } | null;
  /** A direct follow-up within the organisation's window: the last date it still keeps partners off. */
  directFollowUpUntil: string | null;
  amountMinor: bigint;
  currency: string;
  minimum: { minor: bigint; currency: string };
}

const latest = (dates: readonly (string | null)[]) =>
  dates.reduce<string | null>((a, b) => (a === null ? b : b === null ? a : a > b ? a : b), null);

export function refusalFor(f: ScreenFacts): Refusal | null {
  const own = f.held.find((h) => h.partnerId === f.partnerId);
  if (own)
    return {
      code: 'DUPLICATE_OWN_REGISTRATION',
      until: own.protectedUntil,
      params: { registrationId: own.registrationId },
    };
  const others = f.held.filter((h) => h.partnerId !== f.partnerId);
  if (others.length > 0)
    return { code: 'PROTECTED_UNTIL', until: latest(others.map((h) => h.protectedUntil)), params: {} };
  if (f.account?.direct) return { code: 'DIRECT_CUSTOMER', until: null, params: {} };
  if (f.account?.otherPartner)
    return { code: 'PROTECTED_UNTIL', until: f.account.otherPartner.until, params: {} };
  if (f.directFollowUpUntil)
    return { code: 'RECENT_DIRECT_FOLLOW_UP', until: f.directFollowUpUntil, params: {} };
  if (f.currency === f.minimum.currency && f.amountMinor < f.minimum.minor)
    return {
      code: 'BELOW_MINIMUM',
      until: null,
      params: { minimumMinor: f.minimum.minor.toString(), currency: f.minimum.currency },
    };
  return null;
}

/** How many distinct reviewers must approve a deal of this size: the highest threshold it reaches. */
export function stepsFor(
  steps: readonly { fromMinor: string; steps: number }[],
  amountMinor: bigint,
  sameCurrency: boolean,
): number {
  // A deal in another currency cannot be placed on the scale: it takes the most steps there are.
  if (!sameCurrency) return Math.max(1, ...steps.map((s) => s.steps));
  let required = 1;
  for (const s of steps) if (amountMinor >= BigInt(s.fromMinor)) required = Math.max(required, s.steps);
  return required;
}
