import { describe, expect, it } from 'vitest';
import type { User } from '../../api/types.js';
import { toCreateBody, toFormValues, toUpdateBody } from './userForm.js';

const user: User = {
  id: '6f1c1f7e-0000-4000-8000-000000000001',
  login: 'li.lei',
  displayName: 'Li Lei',
  email: 'li@example.com',
  phone: '+8613800138000',
  status: 'active',
  role: 'rep',
  teamId: null,
  managerId: null,
  partnerId: null,
  language: null,
  mustChangePassword: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

describe('toCreateBody', () => {
  it('sends only what was filled in, trimmed', () => {
    expect(
      toCreateBody({
        login: ' han.mei ',
        displayName: ' Han Mei ',
        email: '',
        phone: '  ',
        role: 'rep',
        status: 'active',
        teamId: null,
        managerId: undefined,
        language: null,
        password: '',
      }),
    ).toEqual({ login: 'han.mei', displayName: 'Han Mei', role: 'rep', status: 'active' });
  });

  it('includes the optional fields that have values', () => {
    expect(
      toCreateBody({
        login: 'a',
        displayName: 'A',
        email: 'a@example.com',
        phone: '13800138000',
        role: 'manager',
        status: 'absent',
        teamId: 't',
        managerId: 'm',
        language: 'zh-CN',
        password: 'secret123',
      }),
    ).toEqual({
      login: 'a',
      displayName: 'A',
      email: 'a@example.com',
      phone: '13800138000',
      role: 'manager',
      status: 'absent',
      teamId: 't',
      managerId: 'm',
      language: 'zh-CN',
      password: 'secret123',
    });
  });
});

describe('toUpdateBody', () => {
  it('returns null when nothing changed, even with a reason', () => {
    expect(toUpdateBody(user, { ...toFormValues(user), reason: 'why not' })).toBeNull();
  });

  it('sends only the changed fields and the reason', () => {
    expect(toUpdateBody(user, { ...toFormValues(user), status: 'absent', reason: ' leave ' })).toEqual({
      status: 'absent',
      reason: 'leave',
    });
  });

  it('clears an emptied text field with null', () => {
    expect(toUpdateBody(user, { ...toFormValues(user), email: '', phone: undefined })).toEqual({
      email: null,
      phone: null,
    });
  });

  it('sets and clears relations', () => {
    const withTeam = { ...user, teamId: 't1' };
    expect(toUpdateBody(user, { ...toFormValues(user), teamId: 't1', managerId: 'm1' })).toEqual({
      teamId: 't1',
      managerId: 'm1',
    });
    expect(toUpdateBody(withTeam, { ...toFormValues(withTeam), teamId: undefined })).toEqual({
      teamId: null,
    });
  });
});
