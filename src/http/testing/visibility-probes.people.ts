import type { Probe } from './visibility-probe.js';
import { get, isPartner, json, mentions } from './visibility-probe.js';
import type { World } from './visibility-world.js';

const q = (w: World) => encodeURIComponent(w.prefix);

/** Probes of the signed-in user's own routes, users, teams, the organisation and the audit trail. */
export const PEOPLE_PROBES: Record<string, Probe[]> = {
  // ---- signed-in user: nothing foreign to aim at, but nothing foreign may show either
  'POST /api/v1/auth/logout': [
    {
      label: 'logout',
      request: () => json('POST', '/api/v1/auth/logout', undefined),
      allowed: 204,
      endsSession: true,
    },
  ],
  'GET /api/v1/me': [{ label: 'me', request: () => get('/api/v1/me'), allowed: 200 }],
  'PATCH /api/v1/me': [
    { label: 'language', request: () => json('PATCH', '/api/v1/me', { language: 'en' }), allowed: 200 },
  ],
  'POST /api/v1/me/password': [
    {
      label: 'wrong current password',
      request: () =>
        json('POST', '/api/v1/me/password', {
          currentPassword: 'not-the-password',
          newPassword: 'x9!long-enough-pw',
        }),
      allowed: 400,
    },
  ],
  'GET /api/v1/me/tokens': [
    {
      label: 'own tokens',
      request: () => get('/api/v1/me/tokens'),
      allowed: 200,
      counts: { of: 'own tokens' },
    },
  ],
  'POST /api/v1/me/tokens': [
    {
      label: 'a token beyond the request’s own permissions',
      request: ({ n }) => json('POST', '/api/v1/me/tokens', { name: `probe ${n}`, scopes: ['audit:read'] }),
      allowed: ({ permissions }) => (permissions.has('audit:read') ? 201 : 400),
    },
  ],
  'DELETE /api/v1/me/tokens/:id': [
    {
      label: 'someone else’s token',
      target: (w) => w.tokenB,
      request: ({ world }) => ({ method: 'DELETE', path: `/api/v1/me/tokens/${world.tokenB}` }),
      allowed: 200,
    },
  ],

  // ---- users
  'GET /api/v1/users': [
    {
      label: 'search the world',
      request: ({ world }) => get(`/api/v1/users?q=${q(world)}&limit=200`),
      allowed: 200,
      counts: { of: 'users', where: (u, w) => mentions(u.texts, w) },
    },
    {
      label: 'team B',
      request: ({ world }) => get(`/api/v1/users?teamId=${world.teams.b.id}`),
      allowed: 200,
      counts: { of: 'users', where: (u, w) => u.teamId === w.teams.b.id },
    },
  ],
  'GET /api/v1/users/:id': [
    {
      label: 'team B rep',
      target: (w) => w.users.repB.id,
      request: ({ world }) => get(`/api/v1/users/${world.users.repB.id}`),
      allowed: 200,
    },
    {
      label: 'P2 user',
      target: (w) => w.users.p2User.id,
      request: ({ world }) => get(`/api/v1/users/${world.users.p2User.id}`),
      allowed: 200,
    },
  ],
  'POST /api/v1/users': [
    {
      label: 'managed by team B rep',
      target: (w) => w.users.repB.id,
      request: ({ world, role, n }) =>
        json('POST', '/api/v1/users', {
          login: `probe.user.${n}`,
          displayName: `Probe ${n}`,
          role: isPartner(role) ? 'partner_user' : 'rep',
          managerId: world.users.repB.id,
        }),
      allowed: 201,
      hidden: 400,
    },
  ],
  'PATCH /api/v1/users/:id': [
    {
      label: 'team B rep',
      target: (w) => w.users.repB.id,
      request: ({ world }) => json('PATCH', `/api/v1/users/${world.users.repB.id}`, { language: 'en' }),
      allowed: 200,
    },
    {
      label: 'P2 user',
      target: (w) => w.users.p2User.id,
      request: ({ world }) => json('PATCH', `/api/v1/users/${world.users.p2User.id}`, { language: 'en' }),
      allowed: 200,
    },
  ],
  'POST /api/v1/users/:id/reset-password': [
    {
      label: 'team B rep',
      target: (w) => w.users.repB.id,
      request: ({ world }) => json('POST', `/api/v1/users/${world.users.repB.id}/reset-password`, undefined),
      allowed: 200,
    },
    {
      label: 'P2 user',
      target: (w) => w.users.p2User.id,
      request: ({ world }) =>
        json('POST', `/api/v1/users/${world.users.p2User.id}/reset-password`, undefined),
      allowed: 200,
    },
  ],

  // ---- teams and organisation
  'GET /api/v1/teams': [
    { label: 'the tree', request: () => get('/api/v1/teams'), allowed: 200, counts: { of: 'team members' } },
  ],
  'POST /api/v1/teams': [
    {
      label: 'under team B',
      target: (w) => w.teams.b.id,
      request: ({ world, n }) =>
        json('POST', '/api/v1/teams', { name: `probe team ${n}`, parentId: world.teams.b.id }),
      allowed: 201,
      hidden: 400,
    },
  ],
  'PATCH /api/v1/teams/:id': [
    {
      label: 'team B, same name',
      target: (w) => w.teams.b.id,
      request: ({ world }) =>
        json('PATCH', `/api/v1/teams/${world.teams.b.id}`, { name: world.teams.b.marker }),
      allowed: 200,
    },
  ],
  'DELETE /api/v1/teams/:id': [
    {
      label: 'team B, not empty',
      target: (w) => w.teams.b.id,
      request: ({ world }) => ({ method: 'DELETE', path: `/api/v1/teams/${world.teams.b.id}` }),
      allowed: 409,
    },
  ],
  'GET /api/v1/organization': [
    { label: 'settings', request: () => get('/api/v1/organization'), allowed: 200 },
  ],
  // Reference data (the standards' codes): for every signed-in user
  'GET /api/v1/regions': [{ label: 'divisions', request: () => get('/api/v1/regions'), allowed: 200 }],
  'GET /api/v1/industries': [
    { label: 'classification', request: () => get('/api/v1/industries'), allowed: 200 },
  ],
  'PATCH /api/v1/organization': [
    {
      label: 'same time zone',
      request: () => json('PATCH', '/api/v1/organization', { timeZone: 'Asia/Shanghai' }),
      allowed: 200,
    },
  ],

  // ---- audit
  'GET /api/v1/audit': [
    {
      label: 'B’s history',
      request: ({ world }) => get(`/api/v1/audit?entityId=${world.accounts.b.id}`),
      allowed: 200,
      counts: { of: 'audit', entityId: (w) => w.accounts.b.id },
    },
  ],
  'GET /api/v1/audit/verify': [{ label: 'verify', request: () => get('/api/v1/audit/verify'), allowed: 200 }],
};
