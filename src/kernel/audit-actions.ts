/**
 * Every action the audit trail records, and the kinds of record it names: one list, so the web translates
 * each. `web/src/pages/audit/auditActions.test.ts` reads the server's sources for every action a use case
 * writes (`action: '…'`) and fails on one missing here or without a text in either language. (The kernel's
 * own tests write `test.*` actions, so `AuditEntry.action` stays a string.) A new action is added here first.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.password_reset',
  'user.created',
  'user.updated',
  'user.language_changed',
  'team.created',
  'team.updated',
  'team.deleted',
  'token.created',
  'token.revoked',
  'organization.updated',
  'account.created',
  'account.updated',
  'account.merged',
  'account.unmerged',
  'account.archived',
  'account.restored',
  'contact.created',
  'contact.updated',
  'contact.archived',
  'import.created',
  'import.analyzed',
  'import.cluster_decided',
  'import.cluster_resolved',
  'import.started',
  'import.completed',
  'import.failed',
  'data.exported',
  'access_request.created',
  'access_request.decided',
  'access_request.withdrawn',
  'ownership.claimed',
  'ownership.released',
  'ownership.recovered',
  'ownership.transferred',
  'ownership.distributed',
  'ownership.locked',
  'ownership.unlocked',
  'ownership.converted',
  'account_team.updated',
  'pool.created',
  'pool.updated',
  'recovery_rule.created',
  'recovery_rule.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry's `entityType` names; `login` is the name typed at a failed sign-in, `export` a list. */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'team',
  'api_token',
  'organization',
  'account',
  'import',
  'login',
  'export',
  'access_request',
  'pool',
  'recovery_rule',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
