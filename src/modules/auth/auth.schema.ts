import { z } from 'zod';
import { DATA_SCOPES, PERMISSIONS, TOKEN_SCOPES } from '../access/index.js';
import { userSchema } from '../users/users.schema.js';

export const loginBody = z.strictObject({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const meSchema = z.object({
  user: userSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  scope: z.enum(DATA_SCOPES),
  viaToken: z.boolean(),
});

export const loginReply = meSchema.extend({ expiresAt: z.string() });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('first characters of the token, to recognise it'),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.enum(TOKEN_SCOPES))
    .min(1)
    .max(TOKEN_SCOPES.length)
    .describe('a subset of what the caller holds; profile:write (password, preferences) is never for tokens'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const createdTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('the secret; shown once, send it as "Authorization: Bearer <token>"'),
});
