/**
 * Who may do what, and over which records. Pure data and functions: the HTTP layer checks permissions,
 * repositories apply data scopes.
 */
export const ROLES = [
  'admin',
  'sales_ops',
  'manager',
  'rep',
  'finance',
  'partner_admin',
  'partner_user',
] as const;
export type Role = (typeof ROLES)[number];

export const PARTNER_ROLES: readonly Role[] = ['partner_admin', 'partner_user'];

export const PERMISSIONS = [
  'org:read',
  'org:write',
  'users:read',
  'users:write',
  'teams:read',
  'teams:write',
  'audit:read',
  'tokens:manage',
  'accounts:read',
  'accounts:write',
  'accounts:merge',
  'accounts:import',
  'data:export',
  'access:decide',
  'profile:write',
  'ownership:manage',
  'ownership:transfer',
  'assignment:manage',
  'absences:manage',
  'products:read',
  'prices:read',
  'products:write',
  'opportunities:write',
  'overlaps:read',
  'registrations:submit',
  'registrations:review',
  'partners:read',
  'partners:manage',
  'partners:configure',
  'partners:invite',
  'territories:read',
  'territories:manage',
  'cases:decide',
  'transactions:read',
  'transactions:write',
  'credit:read',
  'credit:approve',
  'commission:read',
  'commission:configure',
  'commission:approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What an API token may be granted: everything but acting as the person — changing their password or
 * preferences needs them signed in.
 */
export type TokenScope = Exclude<Permission, 'profile:write'>;
export const TOKEN_SCOPES: TokenScope[] = PERMISSIONS.filter((p): p is TokenScope => p !== 'profile:write');

/** Over which records a role acts: its own, its team's subtree, everyone's, or its partner's. */
export const DATA_SCOPES = ['own', 'team', 'all', 'partner'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

interface RoleDefinition {
  scope: DataScope;
  permissions: readonly Permission[];
}

const everyone: Permission[] = ['org:read', 'tokens:manage', 'accounts:read', 'profile:write'];

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  admin: { scope: 'all', permissions: PERMISSIONS },
  sales_ops: {
    scope: 'all',
    permissions: [
      ...everyone,
      'accounts:write',
      'accounts:merge',
      'accounts:import',
      'data:export',
      'access:decide',
      'users:read',
      'users:write',
      'teams:read',
      'teams:write',
      'audit:read',
      'ownership:manage',
      'ownership:transfer',
      'assignment:manage',
      'absences:manage',
      'products:read',
      'prices:read',
      'products:write',
      'opportunities:write',
      'overlaps:read',
      'registrations:review',
      'partners:read',
      'partners:manage',
      'partners:configure',
      'partners:invite',
      'territories:read',
      'territories:manage',
      'cases:decide',
      'transactions:read',
      'transactions:write',
      'credit:read',
      'credit:approve',
      'commission:read',
      'commission:configure',
    ],
  },
  finance: {
    scope: 'all',
    permissions: [
      ...everyone,
      'users:read',
      'teams:read',
      'audit:read',
      'data:export',
      'products:read',
      'prices:read',
      'partners:read',
      'territories:read',
      'transactions:read',
      'transactions:write',
      'credit:read',
      'credit:approve',
      'commission:read',
      'commission:configure',
      'commission:approve',
    ],
  },
  manager: {
    scope: 'team',
    permissions: [
      ...everyone,
      'accounts:write',
      'accounts:merge',
      'users:read',
      'teams:read',
      'data:export',
      'access:decide',
      'ownership:transfer',
      'absences:manage',
      'products:read',
      'prices:read',
      'opportunities:write',
      'overlaps:read',
      'partners:read',
      'partners:manage',
      'partners:invite',
      'territories:read',
      'credit:read',
      'commission:read',
    ],
  },
  rep: {
    scope: 'own',
    permissions: [
      ...everyone,
      'accounts:write',
      'users:read',
      'teams:read',
      'products:read',
      'prices:read',
      'opportunities:write',
      'territories:read',
      'credit:read',
      'commission:read',
    ],
  },
  partner_admin: {
    scope: 'partner',
    permissions: [
      ...everyone,
      'accounts:write',
      'users:read',
      'users:write',
      'registrations:submit',
      'partners:read',
      'partners:invite',
      'territories:read',
      'products:read',
      'credit:read',
      'commission:read',
    ],
  },
  partner_user: {
    scope: 'partner',
    permissions: [
      ...everyone,
      'accounts:write',
      'users:read',
      'registrations:submit',
      'partners:read',
      'territories:read',
      'products:read',
      'credit:read',
    ],
  },
};

export function permissionsOf(role: Role): Set<Permission> {
  return new Set(ROLE_DEFINITIONS[role].permissions);
}

export function scopeOf(role: Role): DataScope {
  return ROLE_DEFINITIONS[role].scope;
}

export function isPartnerRole(role: Role): boolean {
  return PARTNER_ROLES.includes(role);
}

/**
 * Which roles a caller may hand out. Only an admin makes admins; a partner admin only makes users of its
 * own partner; everyone else with users:write may assign any internal role except admin.
 */
export function assignableRoles(callerRole: Role): Role[] {
  switch (callerRole) {
    case 'admin':
      return [...ROLES];
    case 'partner_admin':
      return [...PARTNER_ROLES];
    case 'sales_ops':
      return ROLES.filter((r) => r !== 'admin');
    case 'manager':
    case 'rep':
    case 'finance':
    case 'partner_user':
      return [];
  }
}

/** Who is acting: a signed-in user, an API token's user, or the system (CLI, worker). */
export interface Actor {
  id: string | null;
  label: string;
  role: Role | null;
  teamId: string | null;
  partnerId: string | null;
  permissions: ReadonlySet<Permission>;
  scope: DataScope;
  /** Set when the actor authenticated with an API token. */
  tokenId?: string;
}

export interface RequestContext {
  actor: Actor;
  requestId: string | null;
}

export function systemActor(label: string): Actor {
  return {
    id: null,
    label,
    role: null,
    teamId: null,
    partnerId: null,
    permissions: new Set(PERMISSIONS),
    scope: 'all',
  };
}

export function systemContext(label: string): RequestContext {
  return { actor: systemActor(label), requestId: null };
}
