import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The key that signs audit checkpoints. It lives outside the database (a file, or a secret handed in through
 * the environment), so that whoever can write the database cannot forge a checkpoint.
 */
export interface AuditSigner {
  keyId: string;
  /** Base64 of the DER SubjectPublicKeyInfo: what operators copy into AUDIT_TRUSTED_KEYS elsewhere. */
  publicKey: string;
  sign(data: string): string;
}

export interface AuditKeySource {
  /** A PKCS#8 PEM private key given directly (takes precedence over the file). */
  pem?: string | undefined;
  /** Where the key is kept; created with a new key, readable by this user only, when missing. */
  file?: string | undefined;
}

export function publicKeyText(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16);
}

export function newAuditKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function signerOf(pem: string): AuditSigner {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be Ed25519');
  const publicKey = publicKeyText(createPublicKey(privateKey));
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (data) => sign(null, Buffer.from(data), privateKey).toString('base64'),
  };
}

/** Loads the signing key, generating and saving one on first start; `created` says whether it is new. */
export function loadAuditSigner(source: AuditKeySource): { signer: AuditSigner; created: boolean } | null {
  if (source.pem) return { signer: signerOf(source.pem), created: false };
  if (!source.file) return null;
  if (existsSync(source.file)) return { signer: signerOf(readFileSync(source.file, 'utf8')), created: false };
  const pem = newAuditKeyPem();
  mkdirSync(dirname(source.file), { recursive: true });
  // 'wx': two nodes starting at once on one shared directory must not overwrite each other's key.
  try {
    writeFileSync(source.file, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { signer: signerOf(readFileSync(source.file, 'utf8')), created: false };
    throw error;
  }
  return { signer: signerOf(pem), created: true };
}

/** Public keys whose signatures `audit verify` accepts, by key id. */
export function trustedKeys(publicKeys: readonly string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const text of publicKeys) {
    const trimmed = text.trim();
    if (!trimmed) continue;
    const key = createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    keys.set(keyIdOf(publicKeyText(key)), key);
  }
  return keys;
}

export function verifySignature(key: KeyObject, data: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(data), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
