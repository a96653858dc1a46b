import type { Probe } from './visibility-probe.js';
import { get, isPartner, json } from './visibility-probe.js';

const noSuch = '00000000-0000-4000-8000-000000000000';

/**
 * Commission disputes, statement exports and attainment. The out-of-sight objects are team B's rep's
 * statement (its line, its period on plan B, its plan) and its resolved dispute: mutating probes aim at the
 * dispute already resolved (409 for whoever may act) or at a line its caller is not the payee of (403), so
 * no cell changes what the others read.
 */
export const COMMISSION_EXTRA_PROBES: Record<string, Probe[]> = {
  'POST /api/v1/commission/lines/:lineId/disputes': [
    {
      label: 'team B rep’s locked line, by someone not its payee',
      target: (w) => w.commissionExtras.lineB,
      request: ({ world }) =>
        json('POST', `/api/v1/commission/lines/${world.commissionExtras.lineB}/disputes`, {
          reason: 'probe',
        }),
      allowed: 403,
    },
    {
      label: 'a line that does not exist',
      request: () => json('POST', `/api/v1/commission/lines/${noSuch}/disputes`, { reason: 'probe' }),
      allowed: 404,
    },
  ],
  'GET /api/v1/commission/disputes': [
    { label: 'every dispute in sight', request: () => get('/api/v1/commission/disputes'), allowed: 200 },
    {
      label: 'the disputes of plan B’s period',
      request: ({ world }) => get(`/api/v1/commission/disputes?periodId=${world.commissionExtras.periodB}`),
      allowed: 200,
    },
  ],
  'POST /api/v1/commission/disputes/:id/review': [
    {
      label: 'team B rep’s resolved dispute',
      target: (w) => w.commissionExtras.disputeB,
      request: ({ world }) => ({
        method: 'POST',
        path: `/api/v1/commission/disputes/${world.commissionExtras.disputeB}/review`,
      }),
      allowed: 409,
    },
  ],
  'POST /api/v1/commission/disputes/:id/resolve': [
    {
      label: 'team B rep’s resolved dispute',
      target: (w) => w.commissionExtras.disputeB,
      request: ({ world }) =>
        json('POST', `/api/v1/commission/disputes/${world.commissionExtras.disputeB}/resolve`, {
          outcome: 'rejected',
          note: 'probe',
        }),
      allowed: 409,
    },
  ],
  'GET /api/v1/commission/periods/:id/export': [
    {
      label: 'plan B’s period (team B rep’s statement alone)',
      target: (w) => w.commissionExtras.periodB,
      request: ({ world }) => get(`/api/v1/commission/periods/${world.commissionExtras.periodB}/export`),
      allowed: 200,
    },
    {
      label: 'plan A’s period: team A’s rep’s statement and team B’s',
      request: ({ world }) => get(`/api/v1/commission/periods/${world.commissionExtras.periodA}/export`),
      allowed: ({ role }) => (isPartner(role) ? 404 : 200),
    },
  ],
  'GET /api/v1/commission/periods/:id/statements/:payeeId/export': [
    {
      label: 'team B rep’s statement',
      target: (w) => w.commissionExtras.periodB,
      request: ({ world }) =>
        get(
          `/api/v1/commission/periods/${world.commissionExtras.periodB}/statements/${world.commissionExtras.payeeB}/export?format=xlsx`,
        ),
      allowed: 200,
    },
  ],
  'GET /api/v1/commission/attainment': [
    {
      // Its only payee is team B's rep: out of every scope-limited caller's sight, answered as a missing plan.
      label: 'plan B (team B rep alone)',
      request: ({ world }) => get(`/api/v1/commission/attainment?planId=${world.commissionExtras.planB}`),
      allowed: ({ role }) => (['admin', 'sales_ops', 'finance'].includes(role) ? 200 : 404),
    },
    {
      label: 'team B rep on plan B',
      target: (w) => w.commissionExtras.payeeB,
      request: ({ world }) =>
        get(
          `/api/v1/commission/attainment?planId=${world.commissionExtras.planB}&payeeId=${world.commissionExtras.payeeB}`,
        ),
      allowed: 200,
    },
  ],
};
