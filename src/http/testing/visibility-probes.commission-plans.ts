import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';

/**
 * Commission plan configuration. Reads aim at the world's plans (team B's rep's, partner P2's) and their
 * payees; writes aim at what the route refuses on its own terms — version 1, already published; a payee
 * already on the plan; an amendment while a draft waits; an end date before the start — so no cell changes
 * what the others read. Acknowledging is the payee's own: whoever else sees the payee gets 403.
 */
export const COMMISSION_PROBES: Record<string, Probe[]> = {
  'POST /api/v1/commission/plans': [
    {
      label: 'a plan whose tiers leave a gap',
      request: ({ n }) =>
        json('POST', '/api/v1/commission/plans', {
          code: `probe-${n}`,
          name: 'probe',
          payeeType: 'user',
          effectiveFrom: '2026-01-01',
          rules: {
            currency: 'CNY',
            period: 'month',
            tiers: [
              { from: '0', to: '80', rate: '4' },
              { from: '90', to: null, rate: '7' },
            ],
          },
        }),
      allowed: 400,
    },
  ],
  'GET /api/v1/commission/plans': [
    { label: 'every plan in sight', request: () => get('/api/v1/commission/plans?limit=200'), allowed: 200 },
  ],
  'GET /api/v1/commission/plans/:id': [
    {
      label: 'the plan paying team B’s rep',
      target: (w) => w.commission.planB.id,
      request: ({ world }) => get(`/api/v1/commission/plans/${world.commission.planB.id}`),
      allowed: 200,
    },
    {
      label: 'the plan paying partner P2',
      target: (w) => w.commission.planP2.id,
      request: ({ world }) => get(`/api/v1/commission/plans/${world.commission.planP2.id}`),
      allowed: 200,
    },
  ],
  'POST /api/v1/commission/plans/:id/versions': [
    {
      label: 'an amendment while a draft waits',
      target: (w) => w.commission.planB.id,
      request: ({ world }) =>
        json('POST', `/api/v1/commission/plans/${world.commission.planB.id}/versions`, {
          effectiveFrom: '2026-06-01',
          rules: { currency: 'CNY', period: 'month', tiers: [{ from: '0', to: null, rate: '5' }] },
          reasonCode: 'other',
          reasonNote: 'probe',
        }),
      allowed: 409,
    },
  ],
  'POST /api/v1/commission/plans/:id/versions/:versionId/publish': [
    {
      label: 'publishing version 1 again',
      target: (w) => w.commission.planB.id,
      request: ({ world }) =>
        json(
          'POST',
          `/api/v1/commission/plans/${world.commission.planB.id}/versions/${world.commission.planB.v1}/publish`,
          {},
        ),
      allowed: 409,
    },
  ],
  'POST /api/v1/commission/plans/:id/versions/:versionId/reject': [
    {
      label: 'rejecting the published version 1',
      target: (w) => w.commission.planP2.id,
      request: ({ world }) =>
        json(
          'POST',
          `/api/v1/commission/plans/${world.commission.planP2.id}/versions/${world.commission.planP2.v1}/reject`,
          {},
        ),
      allowed: 409,
    },
  ],
  'POST /api/v1/commission/plans/:id/payees': [
    {
      label: 'team B’s rep on its plan again',
      target: (w) => w.commission.planB.id,
      request: ({ world }) =>
        json('POST', `/api/v1/commission/plans/${world.commission.planB.id}/payees`, {
          userId: world.users.repB.id,
          startDate: '2025-01-01',
        }),
      allowed: 409,
    },
  ],
  'PATCH /api/v1/commission/plans/:id/payees/:payeeId': [
    {
      label: 'an end date before the payee’s start',
      target: (w) => w.commission.planB.id,
      request: ({ world }) =>
        json(
          'PATCH',
          `/api/v1/commission/plans/${world.commission.planB.id}/payees/${world.commission.planB.payeeId}`,
          { endDate: '2000-01-01' },
        ),
      allowed: 400,
    },
  ],
  'GET /api/v1/commission/plans/:id/payees': [
    {
      label: 'the payees of team B’s rep’s plan',
      target: (w) => w.commission.planB.id,
      request: ({ world }) => get(`/api/v1/commission/plans/${world.commission.planB.id}/payees`),
      allowed: 200,
    },
  ],
  'PUT /api/v1/commission/plans/:id/targets': [
    {
      label: 'targets on the published version 1',
      target: (w) => w.commission.planB.id,
      request: ({ world }) =>
        json('PUT', `/api/v1/commission/plans/${world.commission.planB.id}/targets`, {
          versionId: world.commission.planB.v1,
          targets: [{ payeeId: world.commission.planB.payeeId, periodStart: '2026-01-01', target: '1.00' }],
        }),
      allowed: 409,
    },
  ],
  'POST /api/v1/commission/payees/:payeeId/acknowledge': [
    {
      label: 'signing off for team B’s rep',
      target: (w) => w.commission.planB.payeeId,
      request: ({ world }) =>
        json('POST', `/api/v1/commission/payees/${world.commission.planB.payeeId}/acknowledge`, {
          versionId: world.commission.planB.v1,
        }),
      allowed: 403,
    },
    {
      label: 'signing off for partner P2',
      target: (w) => w.commission.planP2.payeeId,
      request: ({ world }) =>
        json('POST', `/api/v1/commission/payees/${world.commission.planP2.payeeId}/acknowledge`, {
          versionId: world.commission.planP2.v1,
        }),
      allowed: 403,
    },
  ],
  'GET /api/v1/commission/my/plans': [
    { label: 'one’s own plans', request: () => get('/api/v1/commission/my/plans'), allowed: 200 },
  ],
  'PUT /api/v1/commission/indexes/:code/:periodStart': [
    {
      label: 'an index value of zero',
      request: () => json('PUT', '/api/v1/commission/indexes/CPI/2026-01-01', { value: '0' }),
      allowed: 400,
    },
  ],
  'GET /api/v1/commission/indexes': [
    { label: 'every index value', request: () => get('/api/v1/commission/indexes'), allowed: 200 },
  ],
};
