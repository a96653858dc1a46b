import type { Probe } from './visibility-probe.js';
import { get, isPartner, json } from './visibility-probe.js';

const nobody = '00000000-0000-4000-8000-000000000000';

/**
 * Ownership and pools. Mutating probes aim where a caller who may act is refused for the input, never for
 * who it is (an unknown pool, a merged customer, an unknown target), so the world does not move.
 */
export const OWNERSHIP_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/accounts/:id/ownership': [
    {
      label: 'B’s holder, deadline and history',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.b.id}/ownership`),
      allowed: 200,
    },
  ],
  'GET /api/v1/accounts/:id/group': [
    {
      label: 'B’s group (A1’s customer is its subsidiary)',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.b.id}/group`),
      allowed: 200,
    },
  ],
  'POST /api/v1/accounts/:id/release': [
    {
      label: 'B released to a pool that does not exist',
      target: (w) => w.accounts.b.id,
      request: ({ world }) =>
        json('POST', `/api/v1/accounts/${world.accounts.b.id}/release`, { poolId: nobody, reason: 'probe' }),
      // Who sees B but does not hold it or manage its holder may not release it.
      allowed: ({ caller }) => (caller.role === 'admin' || caller.role === 'sales_ops' ? 400 : 403),
    },
  ],
  'POST /api/v1/accounts/:id/lock': [
    {
      label: 'the rep’s customer merged into B',
      target: (w) => w.accounts.mergedIntoB.id,
      request: ({ world }) => json('POST', `/api/v1/accounts/${world.accounts.mergedIntoB.id}/lock`, {}),
      allowed: 409,
    },
  ],
  'POST /api/v1/accounts/:id/unlock': [
    {
      label: 'the rep’s customer merged into B',
      target: (w) => w.accounts.mergedIntoB.id,
      request: ({ world }) => json('POST', `/api/v1/accounts/${world.accounts.mergedIntoB.id}/unlock`, {}),
      allowed: 409,
    },
  ],
  'PUT /api/v1/accounts/:id/team': [
    {
      label: 'the rep’s customer merged into B',
      target: (w) => w.accounts.mergedIntoB.id,
      request: ({ world }) =>
        json('PUT', `/api/v1/accounts/${world.accounts.mergedIntoB.id}/team`, { members: [] }),
      allowed: 409,
    },
  ],
  'POST /api/v1/ownership/transfer': [
    {
      label: 'B handed to nobody',
      request: ({ world }) =>
        json('POST', '/api/v1/ownership/transfer', {
          accountIds: [world.accounts.b.id],
          to: { type: 'user', userId: nobody },
          note: 'probe',
        }),
      // Out of sight, B is "not found" on accountIds; in sight, the target is: both 400, nothing moves.
      allowed: 400,
    },
  ],
  'GET /api/v1/ownership/mine': [
    { label: 'one’s own customers', request: () => get('/api/v1/ownership/mine'), allowed: 200 },
  ],
  'GET /api/v1/recovery-rules/redating': [
    { label: 'the re-dating run', request: () => get('/api/v1/recovery-rules/redating'), allowed: 200 },
  ],
  'GET /api/v1/recovery-rules': [
    { label: 'the rules', request: () => get('/api/v1/recovery-rules'), allowed: 200 },
  ],
  'POST /api/v1/recovery-rules': [
    {
      label: 'a rule returning to no pool',
      request: () =>
        json('POST', '/api/v1/recovery-rules', {
          name: 'probe',
          position: 1,
          poolId: nobody,
          trigger: 'not_won',
          days: 1,
        }),
      allowed: 400,
    },
  ],
  'PATCH /api/v1/recovery-rules/:id': [
    {
      label: 'no such rule',
      request: () => json('PATCH', `/api/v1/recovery-rules/${nobody}`, { days: 2 }),
      allowed: 404,
    },
  ],
  'GET /api/v1/pools': [{ label: 'pools', request: () => get('/api/v1/pools'), allowed: 200 }],
  'POST /api/v1/pools': [
    {
      label: 'a pool with a bad region code',
      request: () => json('POST', '/api/v1/pools', { name: 'probe', regionCodes: ['44'] }),
      allowed: 400,
    },
  ],
  'PATCH /api/v1/pools/:id': [
    {
      label: 'no such pool',
      request: () => json('PATCH', `/api/v1/pools/${nobody}`, { claimsPerDay: 1 }),
      allowed: 404,
    },
  ],
  'GET /api/v1/pools/:id/accounts': [
    { label: 'no such pool', request: () => get(`/api/v1/pools/${nobody}/accounts`), allowed: 404 },
  ],
  'GET /api/v1/pools/:id/accounts/:accountId': [
    {
      label: 'B in no such pool',
      request: ({ world }) => get(`/api/v1/pools/${nobody}/accounts/${world.accounts.b.id}`),
      allowed: 404,
    },
  ],
  'POST /api/v1/pools/:id/accounts/:accountId/claim': [
    {
      label: 'B from no such pool',
      request: ({ world }) =>
        json('POST', `/api/v1/pools/${nobody}/accounts/${world.accounts.b.id}/claim`, {}),
      // Partners do not claim from the organisation's pools at all.
      allowed: ({ role }) => (isPartner(role) ? 403 : 404),
    },
  ],
  'POST /api/v1/pools/:id/distribute': [
    {
      label: 'B from no such pool',
      request: ({ world }) =>
        json('POST', `/api/v1/pools/${nobody}/distribute`, {
          accountIds: [world.accounts.b.id],
          userId: nobody,
        }),
      allowed: 404,
    },
  ],
  'GET /api/v1/notifications': [
    { label: 'one’s notices', request: () => get('/api/v1/notifications'), allowed: 200 },
  ],
  'POST /api/v1/notifications/read': [
    {
      label: 'none named',
      request: () => json('POST', '/api/v1/notifications/read', { ids: [] }),
      allowed: 200,
    },
  ],
};
