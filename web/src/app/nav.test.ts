import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src/modules/access/permissions.js';
import { homePath, navKeyOf, visibleNav } from './nav.js';

describe('visibleNav', () => {
  it('shows everything to a caller with every permission', () => {
    expect(visibleNav(PERMISSIONS).map((i) => i.key)).toEqual([
      'dashboard',
      'accounts',
      'myCustomers',
      'pools',
      'accessRequests',
      'imports',
      'distribution',
      'users',
      'teams',
      'tokens',
      'audit',
      'organization',
      'assignment',
      'poolAdmin',
      'recoveryRules',
      'opportunities',
      'products',
      'overlaps',
      'partners',
      'registrations',
      'registrationQueue',
      'territories',
      'cases',
      'channelReport',
      'channelSettings',
      'transactions',
      'commissionPlans',
      'myPlans',
      'commissionPeriods',
      'commissionStatements',
      'commissionDisputes',
      'commissionAttainment',
    ]);
  });

  it('shows customer imports only to those who may import', () => {
    expect(visibleNav(['accounts:read', 'accounts:write']).map((i) => i.key)).toEqual([
      'dashboard',
      'accounts',
      'myCustomers',
      'pools',
      'accessRequests',
      'distribution',
      'opportunities',
      'cases',
    ]);
    expect(visibleNav(['accounts:read', 'accounts:import']).map((i) => i.key)).toEqual([
      'dashboard',
      'accounts',
      'myCustomers',
      'imports',
      'distribution',
      'opportunities',
      'cases',
    ]);
  });

  it('leaves the dashboard, my customers, pools and the distribution report out for partners', () => {
    expect(visibleNav(['accounts:read', 'accounts:write'], true).map((i) => i.key)).toEqual([
      'accounts',
      'accessRequests',
      'cases',
    ]);
  });

  it('hides what a permission does not cover', () => {
    expect(visibleNav(['org:read', 'tokens:manage', 'users:read']).map((i) => i.key)).toEqual([
      'users',
      'tokens',
      'organization',
    ]);
  });
});

describe('navKeyOf', () => {
  it('matches a page and the pages under it, but not a longer name', () => {
    expect(navKeyOf('/users')).toBe('users');
    expect(navKeyOf('/users/42')).toBe('users');
    expect(navKeyOf('/usersx')).toBeUndefined();
    expect(navKeyOf('/account/password')).toBeUndefined();
    expect(navKeyOf('/accounts/new')).toBe('accounts');
    expect(navKeyOf('/imports/42')).toBe('imports');
    expect(navKeyOf('/my-customers')).toBe('myCustomers');
    expect(navKeyOf('/pools')).toBe('pools');
    expect(navKeyOf('/')).toBe('dashboard');
    expect(navKeyOf('/reports/distribution')).toBe('distribution');
    expect(navKeyOf('/reports/overlap')).toBeUndefined();
    expect(navKeyOf('/registrations/new')).toBe('registrations');
    expect(navKeyOf('/registration-queue')).toBe('registrationQueue');
    expect(navKeyOf('/reports/channel')).toBe('channelReport');
    expect(navKeyOf('/commission/plans/42/what-if')).toBe('commissionPlans');
    expect(navKeyOf('/commission/my')).toBe('myPlans');
  });
});

describe('homePath', () => {
  it('leads to the first visible page, or to the password page', () => {
    expect(homePath(['audit:read', 'org:read'])).toBe('/audit');
    // Past the dashboard, which `/` itself shows to people in the organisation.
    expect(homePath(['org:read', 'accounts:read', 'users:read'])).toBe('/accounts');
    expect(homePath([])).toBe('/account/password');
  });
});
