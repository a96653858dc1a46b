import type { Probe } from './visibility-probe.js';
import { get } from './visibility-probe.js';
import type { World } from './visibility-world.js';

const q = (w: World) => encodeURIComponent(w.prefix);
/** An export needs data:export (the route's access) and the list's own permission. */
const needs =
  (permission: string) =>
  ({ permissions }: { permissions: ReadonlySet<string> }) =>
    permissions.has(permission) ? 200 : 403;

/** Exports as CSV, so that a name or id out of the caller's sight would show in the reply as text. */
export const EXPORT_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/exports/accounts': [
    {
      label: 'export the world',
      request: ({ world }) => get(`/api/v1/exports/accounts?format=csv&q=${q(world)}`),
      allowed: needs('accounts:read'),
    },
    {
      label: 'export everything',
      request: () => get('/api/v1/exports/accounts?format=csv&status=merged'),
      allowed: needs('accounts:read'),
    },
  ],
  'GET /api/v1/exports/contacts': [
    {
      label: 'every contact',
      request: () => get('/api/v1/exports/contacts?format=csv'),
      allowed: needs('accounts:read'),
    },
  ],
  'GET /api/v1/exports/users': [
    {
      label: 'export the world’s people',
      request: ({ world }) => get(`/api/v1/exports/users?format=csv&q=${q(world)}`),
      allowed: needs('users:read'),
    },
  ],
  'GET /api/v1/exports/audit': [
    {
      label: 'B’s history',
      request: ({ world }) => get(`/api/v1/exports/audit?format=csv&entityId=${world.accounts.b.id}`),
      allowed: needs('audit:read'),
    },
  ],
  'GET /api/v1/imports/:id/results': [
    {
      label: 'another’s import',
      target: (w) => w.imports.review.id,
      request: ({ world }) => get(`/api/v1/imports/${world.imports.review.id}/results?format=csv`),
      allowed: needs('accounts:import'),
    },
  ],
  'GET /api/v1/exports/channel': [
    {
      label: 'the channel scorecards in sight',
      request: () => get('/api/v1/exports/channel?format=csv&from=2026-01-01&to=2026-12-31'),
      allowed: needs('partners:read'),
    },
    {
      label: 'P2’s scorecard',
      target: (w) => w.partners.p2,
      request: ({ world }) => get(`/api/v1/exports/channel?format=csv&partnerId=${world.partners.p2}`),
      allowed: needs('partners:read'),
      hidden: 404,
    },
  ],
};
