import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';

/**
 * Access requests on B. Every caller who may not see B holds an open request (asking again is a 409, which
 * changes nothing); the rep's first request was denied (deciding or withdrawing it again is a 409 too).
 */
export const ACCESS_REQUEST_PROBES: Record<string, Probe[]> = {
  'POST /api/v1/access-requests': [
    {
      label: 'B asked for with one’s own reference (or, for those who see B, the rep’s)',
      request: ({ world, role }) =>
        json('POST', '/api/v1/access-requests', {
          accountRef: world.accessRefs[role] ?? world.accessRefs.rep,
          kind: 'access',
          customerName: 'probe',
        }),
      allowed: ({ world, role }) => (world.accessRequests.open[role as 'rep'] ? 409 : 400),
    },
    {
      label: 'B asked for by its id: references cannot be guessed',
      request: ({ world }) =>
        json('POST', '/api/v1/access-requests', {
          accountRef: world.accounts.b.id,
          kind: 'conflict',
          customerName: 'probe',
        }),
      allowed: 400,
    },
  ],
  'GET /api/v1/access-requests': [
    {
      label: 'every request',
      request: () => get('/api/v1/access-requests?limit=200'),
      allowed: 200,
      counts: { of: 'access requests' },
    },
  ],
  'POST /api/v1/access-requests/:id/decide': [
    {
      label: 'the rep’s denied request',
      target: (w) => w.accessRequests.denied,
      request: ({ world }) =>
        json('POST', `/api/v1/access-requests/${world.accessRequests.denied}/decide`, { decision: 'grant' }),
      allowed: 409,
    },
  ],
  'POST /api/v1/access-requests/:id/withdraw': [
    {
      label: 'the rep’s denied request',
      target: (w) => w.accessRequests.denied,
      request: ({ world }) =>
        json('POST', `/api/v1/access-requests/${world.accessRequests.denied}/withdraw`, {}),
      // Only the requester may withdraw; it was decided already.
      allowed: ({ role }) => (role === 'rep' ? 409 : 403),
    },
  ],
};
