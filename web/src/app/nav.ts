import type { Permission } from '../api/types.js';

export type NavKey =
  | 'dashboard'
  | 'distribution'
  | 'accounts'
  | 'myCustomers'
  | 'pools'
  | 'accessRequests'
  | 'imports'
  | 'users'
  | 'teams'
  | 'tokens'
  | 'audit'
  | 'organization'
  | 'assignment'
  | 'poolAdmin'
  | 'recoveryRules'
  | 'opportunities'
  | 'products'
  | 'overlaps'
  | 'partners'
  | 'registrations'
  | 'registrationQueue'
  | 'territories'
  | 'cases'
  | 'channelReport'
  | 'channelSettings'
  | 'transactions'
  | 'commissionPlans'
  | 'myPlans'
  | 'commissionPeriods'
  | 'commissionStatements'
  | 'commissionDisputes'
  | 'commissionAttainment';

export interface NavItem {
  key: NavKey;
  path: string;
  /** Shown only to callers holding this permission. */
  permission: Permission;
  /** Shown only to internal users (partners hold no customers of their own and claim from no pool). */
  internal?: true;
}

export const NAV_ITEMS: readonly NavItem[] = [
  // The home page of everyone in the organisation; partners land on their first page instead.
  { key: 'dashboard', path: '/', permission: 'accounts:read', internal: true },
  { key: 'accounts', path: '/accounts', permission: 'accounts:read' },
  { key: 'myCustomers', path: '/my-customers', permission: 'accounts:read', internal: true },
  { key: 'pools', path: '/pools', permission: 'accounts:write', internal: true },
  // Those who may enter customers may ask for hidden ones; their managers and sales ops decide there too.
  { key: 'accessRequests', path: '/access-requests', permission: 'accounts:write' },
  { key: 'imports', path: '/imports', permission: 'accounts:import' },
  // Published to everyone in the organisation (公开透明).
  { key: 'distribution', path: '/reports/distribution', permission: 'accounts:read', internal: true },
  { key: 'users', path: '/users', permission: 'users:read' },
  { key: 'teams', path: '/teams', permission: 'teams:read' },
  { key: 'tokens', path: '/tokens', permission: 'tokens:manage' },
  { key: 'audit', path: '/audit', permission: 'audit:read' },
  { key: 'organization', path: '/organization', permission: 'org:read' },
  { key: 'assignment', path: '/assignment', permission: 'assignment:manage' },
  { key: 'poolAdmin', path: '/pool-admin', permission: 'ownership:manage' },
  { key: 'recoveryRules', path: '/recovery-rules', permission: 'ownership:manage' },
  // Direct-sales deals: partners' deals arrive with the channel issue.
  { key: 'opportunities', path: '/opportunities', permission: 'accounts:read', internal: true },
  { key: 'products', path: '/products', permission: 'products:write' },
  { key: 'overlaps', path: '/overlap-alerts', permission: 'overlaps:read' },
  // Channel staff see their partners; a partner's people see their own partner.
  { key: 'partners', path: '/partners', permission: 'partners:read' },
  // The partner portal: register deals, check availability, follow one's registrations.
  { key: 'registrations', path: '/registrations', permission: 'registrations:submit' },
  // The channel's review queue: registrations waiting for a reviewer and extensions to decide.
  { key: 'registrationQueue', path: '/registration-queue', permission: 'registrations:review' },
  // The territory tree, map, fence check and exceptions; models for those who manage them. Partners see their own.
  { key: 'territories', path: '/territories', permission: 'territories:read' },
  // Conflict cases: the channel's queue, a partner's own cases, a direct rep's about its customers.
  { key: 'cases', path: '/cases', permission: 'accounts:read' },
  // The channel report: every partner for the channel, its own scorecard for a partner's people.
  { key: 'channelReport', path: '/reports/channel', permission: 'partners:read' },
  // The registration rules and the partner tiers: the channel's own settings.
  { key: 'channelSettings', path: '/channel-settings', permission: 'registrations:review', internal: true },
  // Finance's and sales ops' books; everyone else reads its own credit lines through the API.
  { key: 'transactions', path: '/transactions', permission: 'transactions:read', internal: true },
  // Plans are written by sales ops and finance; everyone paid by one sees and signs it under My plans.
  { key: 'commissionPlans', path: '/commission/plans', permission: 'commission:configure', internal: true },
  { key: 'myPlans', path: '/commission/my', permission: 'commission:read' },
  // Commission: a payee's own locked statements, disputes (a payee's own; finance's queue), attainment.
  { key: 'commissionPeriods', path: '/commission/periods', permission: 'commission:approve', internal: true },
  { key: 'commissionStatements', path: '/commission/statements', permission: 'commission:read' },
  { key: 'commissionDisputes', path: '/commission/disputes', permission: 'commission:read' },
  { key: 'commissionAttainment', path: '/commission/attainment', permission: 'commission:read' },
];

export function visibleNav(permissions: readonly Permission[], partner = false): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission) && !(partner && item.internal));
}

/** The menu entry a path belongs to, for highlighting (`/users/123` → users; `/` only → dashboard). */
export function navKeyOf(pathname: string): NavKey | undefined {
  return NAV_ITEMS.find(
    (item) => pathname === item.path || (item.path !== '/' && pathname.startsWith(`${item.path}/`)),
  )?.key;
}

/**
 * Where `/` leads those without the dashboard (partners): the first page the caller may see, else the
 * password page everyone has.
 */
export function homePath(permissions: readonly Permission[]): string {
  return visibleNav(permissions, true)[0]?.path ?? '/account/password';
}
