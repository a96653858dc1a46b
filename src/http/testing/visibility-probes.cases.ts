import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';
import type { World } from './visibility-world.js';

const c = (w: World) => w.cases;

/** A step on P2's dismissed case: refused as closed by whoever may see it and act. */
const closedStep = (suffix: string, body: unknown, allowed: Probe['allowed'] = 409): Probe[] => [
  {
    label: `${suffix} on P2’s decided case`,
    target: (w) => c(w).decided,
    request: ({ world }) => json('POST', `/api/v1/cases/${c(world).decided}/${suffix}`, body),
    allowed,
    hidden: 404,
  },
];

/**
 * Conflict cases. A partner's people never reach a case their partner is not party to, a direct rep none
 * about another team's customer (404, as a random id); only the channel decides; only the claiming
 * partner disputes and withdraws.
 */
export const CASE_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/cases': [
    {
      label: 'every case in sight',
      request: () => get('/api/v1/cases?limit=200'),
      allowed: 200,
      counts: { of: 'cases' },
    },
  ],
  'POST /api/v1/cases': [
    {
      label: 'a case on P2’s withdrawn registration',
      target: (w) => w.registrations.withdrawnP2,
      request: ({ world }) =>
        json('POST', '/api/v1/cases', { registrationId: world.registrations.withdrawnP2, reason: 'probe' }),
      allowed: 409,
      hidden: 404,
    },
  ],
  'POST /api/v1/cases/disputes': [
    {
      label: 'a dispute of P2’s withdrawn registration',
      target: (w) => w.registrations.withdrawnP2,
      request: ({ world }) =>
        json('POST', '/api/v1/cases/disputes', {
          registrationId: world.registrations.withdrawnP2,
          reason: 'probe',
        }),
      // Only a partner's people dispute: the channel, which sees the registration, is refused.
      allowed: 403,
      hidden: 404,
    },
  ],
  'GET /api/v1/cases/settings': [
    { label: 'the case SLA', request: () => get('/api/v1/cases/settings'), allowed: 200 },
  ],
  'PATCH /api/v1/cases/settings': [
    {
      label: 'an SLA of no hours',
      request: () => json('PATCH', '/api/v1/cases/settings', { responseHours: 0 }),
      allowed: 400,
    },
  ],
  'GET /api/v1/cases/:id': [
    {
      label: 'P2’s open case',
      target: (w) => c(w).open,
      request: ({ world }) => get(`/api/v1/cases/${c(world).open}`),
      allowed: 200,
      hidden: 404,
    },
  ],
  'POST /api/v1/cases/:id/take-up': closedStep('take-up', {}),
  'POST /api/v1/cases/:id/decide': closedStep('decide', { outcome: 'dismissed', reason: 'probe' }),
  // The channel sees the case but is not its claimant.
  'POST /api/v1/cases/:id/withdraw': closedStep('withdraw', {}, 403),
};
