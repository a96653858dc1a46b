import { describe, expect, it } from 'vitest';
import { assignableRoles, PERMISSIONS, permissionsOf, ROLES, scopeOf } from './permissions.js';

describe('roles', () => {
  it('gives every role org:read and token management and a data scope', () => {
    for (const role of ROLES) {
      expect(permissionsOf(role).has('org:read')).toBe(true);
      expect(permissionsOf(role).has('tokens:manage')).toBe(true);
      expect(['own', 'team', 'all', 'partner']).toContain(scopeOf(role));
    }
  });

  it('gives admin every permission and nobody else org:write', () => {
    expect([...permissionsOf('admin')].sort()).toEqual([...PERMISSIONS].sort());
    for (const role of ROLES.filter((r) => r !== 'admin'))
      expect(permissionsOf(role).has('org:write')).toBe(false);
  });

  it('keeps partner roles inside the partner scope and away from internal data', () => {
    expect(scopeOf('partner_admin')).toBe('partner');
    expect(scopeOf('partner_user')).toBe('partner');
    expect(permissionsOf('partner_user').has('audit:read')).toBe(false);
    expect(permissionsOf('partner_admin').has('teams:read')).toBe(false);
  });

  it('lets only an admin assign the admin role', () => {
    for (const role of ROLES) expect(assignableRoles(role).includes('admin')).toBe(role === 'admin');
    expect(assignableRoles('partner_admin')).toEqual(['partner_admin', 'partner_user']);
    expect(assignableRoles('rep')).toEqual([]);
  });
});
