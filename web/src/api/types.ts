/**
 * The API's shapes, taken from the server's own zod schemas (type-only imports: nothing from src/ is bundled
 * except the pure role/permission tables), so a changed reply breaks the web type-check instead of the UI.
 */
import type { z } from 'zod';
import type {
  apiTokenSchema,
  createdTokenSchema,
  createTokenBody,
  meSchema,
} from '../../../src/modules/auth/auth.schema.js';
import type { orgSchema, updateOrgBody } from '../../../src/modules/org/org.schema.js';
import type { createTeamBody, teamSchema, updateTeamBody } from '../../../src/modules/teams/teams.schema.js';
import type {
  createdUserSchema,
  createUserBody,
  updateUserBody,
  userSchema,
} from '../../../src/modules/users/users.schema.js';

export type { Permission, Role } from '../../../src/modules/access/permissions.js';

export type Me = z.infer<typeof meSchema>;
export type User = z.infer<typeof userSchema>;
export type CreatedUser = z.infer<typeof createdUserSchema>;
export type CreateUserBody = z.input<typeof createUserBody>;
export type UpdateUserBody = z.input<typeof updateUserBody>;
export type UserStatus = User['status'];
export type Language = NonNullable<User['language']>;

export type Team = z.infer<typeof teamSchema>;
export type CreateTeamBody = z.input<typeof createTeamBody>;
export type UpdateTeamBody = z.input<typeof updateTeamBody>;

export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type CreateTokenBody = z.input<typeof createTokenBody>;

export type Organization = z.infer<typeof orgSchema>;
export type UpdateOrganizationBody = z.input<typeof updateOrgBody>;

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  head?: string;
  brokenId?: string;
  problem?: string;
}

export const USER_STATUSES = ['active', 'absent', 'inactive'] as const satisfies readonly UserStatus[];
export const LANGUAGES = ['zh-CN', 'en'] as const satisfies readonly Language[];
/** What the audit trail records today; the filter also accepts any other text. */
export const AUDIT_ENTITY_TYPES = ['user', 'team', 'api_token', 'organization'] as const;
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.password_reset',
  'user.created',
  'user.updated',
  'team.created',
  'team.updated',
  'team.deleted',
  'token.created',
  'token.revoked',
  'organization.updated',
] as const;
