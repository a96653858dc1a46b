export type TokenStatus = 'active' | 'revoked' | 'expired';

/** Revocation wins over expiry: a revoked token stays revoked after its expiry date passes. */
export function tokenStatus(
  token: { revokedAt: string | null; expiresAt: string | null },
  now: number,
): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}
