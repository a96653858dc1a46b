import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The opaque reference the duplicate check hands a caller for a customer it may not see: the account, the
 * caller and an expiry, sealed with AES-256-GCM under the organisation's key. The caller can give it back
 * (to ask for access, to flag a conflict) but cannot read the account id out of it, forge one for an id it
 * guessed, or use one handed out to someone else — so it names only what the check already told that
 * caller exists, and an access request can never be used to probe ids.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Long enough for a rep to finish the form, ask a colleague and come back the next week. */
export const ACCESS_REF_TTL_SECONDS = 7 * 24 * 3600;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface AccessRefClaims {
  accountId: string;
  userId: string;
  /** Seconds since the epoch after which the reference is refused. */
  expires: number;
}

export function sealAccessRef(key: Uint8Array, claims: AccessRefClaims): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = `${claims.accountId}|${claims.userId}|${claims.expires}`;
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The account a reference names, if it is genuine, was handed to `userId` and has not expired; null for
 * anything else — one answer for every kind of bad reference, so a caller learns nothing by trying.
 */
export function openAccessRef(key: Uint8Array, ref: string, userId: string, now = Date.now()): string | null {
  const raw = Buffer.from(ref, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES || raw.length > 512) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    const [accountId, holder, expires] = plain.split('|');
    if (!accountId || !UUID.test(accountId) || holder !== userId) return null;
    if (!(Number(expires) * 1000 > now)) return null;
    return accountId;
  } catch {
    return null;
  }
}
