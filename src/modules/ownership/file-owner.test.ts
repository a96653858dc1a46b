import { describe, expect, it } from 'vitest';
import { permissionsOf, scopeOf, type Actor, type Role } from '../access/index.js';
import { fileOwnerProblem } from './file-owner.js';

const actor = (role: Role): Actor => ({
  id: crypto.randomUUID(),
  label: role,
  role,
  teamId: null,
  partnerId: null,
  permissions: permissionsOf(role),
  scope: scopeOf(role),
});
const user = (status = 'active', inScope = true) => ({ id: crypto.randomUUID(), status, inScope });

describe('who an imported file may name as owner', () => {
  it('lets admins and sales ops name any active user', () => {
    for (const role of ['admin', 'sales_ops'] as const) {
      expect(fileOwnerProblem(actor(role), user('active', false))).toBeNull();
    }
  });

  it('lets a manager name only users within their team scope', () => {
    expect(fileOwnerProblem(actor('manager'), user('active', true))).toBeNull();
    expect(fileOwnerProblem(actor('manager'), user('active', false))).toBe('OWNER_NOT_ALLOWED');
  });

  it('never lets a rep or a partner assign, even to themselves', () => {
    for (const role of ['rep', 'partner_admin', 'partner_user'] as const) {
      expect(fileOwnerProblem(actor(role), user('active', true))).toBe('OWNER_NOT_ALLOWED');
    }
  });

  it('names an unknown or inactive login before anything else', () => {
    expect(fileOwnerProblem(actor('admin'), undefined)).toBe('OWNER_UNKNOWN');
    expect(fileOwnerProblem(actor('admin'), user('inactive'))).toBe('OWNER_INACTIVE');
    expect(fileOwnerProblem(actor('rep'), user('absent'))).toBe('OWNER_INACTIVE');
  });
});
