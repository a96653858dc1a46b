import { z } from 'zod';
import { newAuditKeyPem } from './kernel/audit-key.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Fairshare reads. Documented in .env.example. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(24),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  WORKER_ENABLED: bool.default(true),
  WORKER_POLL_MS: z.coerce.number().int().min(10).default(1000),
  IMPORT_MEMORY_MB: z.coerce.number().int().min(32).default(1024),
  FAIRSHARE_ADMIN_LOGIN: z.string().min(1).default('admin'),
  FAIRSHARE_ADMIN_PASSWORD: z.string().min(8).optional(),
  WEB_DIST_DIR: z.string().optional(),
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  AUDIT_TRUSTED_KEYS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  AUDIT_WITNESS_FILE: z.string().min(1).optional(),
  AUDIT_WITNESS_URL: z.url().optional(),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Reads and validates configuration once; fails fast with every bad variable named. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

let testKey: string | undefined;

/**
 * Configuration for tests and tools: defaults plus overrides, no environment. The audit key is made in
 * memory once per process, so tests never write key files.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  testKey ??= newAuditKeyPem();
  return {
    ...loadConfig({}),
    LOG_LEVEL: 'silent',
    WORKER_ENABLED: false,
    AUDIT_SIGNING_KEY: testKey,
    ...overrides,
  };
}
