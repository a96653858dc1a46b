import { join } from 'node:path';
import type { Config } from '../../config.js';
import { loadAuditSigner, trustedKeys, type AuditSigner, type SealOptions } from '../../kernel/index.js';

export interface AuditSetup {
  signer: AuditSigner | null;
  /** True when this start generated the key (its public key is then printed once). */
  created: boolean;
  seal: SealOptions;
  verify: { trusted: ReturnType<typeof trustedKeys>; witnessFile?: string | undefined };
}

export const auditKeyFile = (config: Config) =>
  config.AUDIT_KEY_FILE ?? join(config.DATA_DIR, 'audit-signing.key');

/** The signing key (generated on first start), the keys `audit verify` trusts, and where witnesses go. */
export function auditSetup(config: Config): AuditSetup {
  const loaded = loadAuditSigner({ pem: config.AUDIT_SIGNING_KEY, file: auditKeyFile(config) });
  const signer = loaded?.signer ?? null;
  const trusted = trustedKeys([...(signer ? [signer.publicKey] : []), ...config.AUDIT_TRUSTED_KEYS]);
  return {
    signer,
    created: loaded?.created ?? false,
    seal: {
      signer,
      checkpointSeconds: config.AUDIT_CHECKPOINT_SECONDS,
      witnessFile: config.AUDIT_WITNESS_FILE,
      witnessUrl: config.AUDIT_WITNESS_URL,
    },
    verify: { trusted, witnessFile: config.AUDIT_WITNESS_FILE },
  };
}
