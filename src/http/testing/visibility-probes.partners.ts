import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';

const nobody = '00000000-0000-4000-8000-000000000000';

/**
 * Partners. P2 is the target: its people and scope-all channel staff see it; P1's people, managers and reps
 * (who manage no partner here) do not, and get exactly what a random id gets. Mutating probes fail on their
 * input after the partner is found (an unknown tier, an illegal move, a login taken), so nothing changes.
 */
export const PARTNER_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/partners': [
    {
      label: 'partners in sight',
      request: () => get('/api/v1/partners?limit=200'),
      allowed: 200,
      counts: { of: 'partners' },
    },
  ],
  'POST /api/v1/partners': [
    {
      label: 'a partner of an unknown tier',
      request: ({ n }) =>
        json('POST', '/api/v1/partners', {
          legalName: `矩阵探针${n}有限公司`,
          contactName: 'probe',
          contactEmail: 'probe@example.com',
          tierId: nobody,
        }),
      allowed: 400,
    },
  ],
  'GET /api/v1/partners/:id': [
    {
      label: 'P2',
      target: (w) => w.partners.p2,
      request: ({ world }) => get(`/api/v1/partners/${world.partners.p2}`),
      allowed: 200,
    },
  ],
  'PATCH /api/v1/partners/:id': [
    {
      label: 'P2 to an unknown tier',
      target: (w) => w.partners.p2,
      request: ({ world }) =>
        json('PATCH', `/api/v1/partners/${world.partners.p2}`, { tierId: nobody, reason: 'probe' }),
      allowed: 400,
    },
  ],
  'POST /api/v1/partners/:id/status': [
    {
      label: 'P2 (active) back to onboarding',
      target: (w) => w.partners.p2,
      request: ({ world }) =>
        json('POST', `/api/v1/partners/${world.partners.p2}/status`, { to: 'onboarding', reason: 'probe' }),
      allowed: 409,
    },
  ],
  'PUT /api/v1/partners/:id/checklist/:itemId': [
    {
      label: 'P2, an unknown checklist item',
      target: (w) => w.partners.p2,
      request: ({ world }) =>
        json('PUT', `/api/v1/partners/${world.partners.p2}/checklist/${nobody}`, { done: true }),
      allowed: 404,
    },
  ],
  'POST /api/v1/partners/:id/certifications': [
    {
      label: 'P2, an unknown certification type',
      target: (w) => w.partners.p2,
      request: ({ world }) =>
        json('POST', `/api/v1/partners/${world.partners.p2}/certifications`, {
          typeId: nobody,
          expiresOn: '2099-01-01',
        }),
      allowed: 400,
    },
  ],
  'POST /api/v1/partners/:id/users': [
    {
      label: 'P2, a login already taken',
      target: (w) => w.partners.p2,
      request: ({ world }) =>
        json('POST', `/api/v1/partners/${world.partners.p2}/users`, {
          login: world.callers.partner_user.login,
          displayName: 'probe',
          role: 'partner_user',
        }),
      allowed: 409,
    },
  ],
  'GET /api/v1/partner-tiers': [
    { label: 'tiers', request: () => get('/api/v1/partner-tiers'), allowed: 200 },
  ],
  'PATCH /api/v1/partner-tiers/:id': [
    {
      label: 'no such tier',
      request: () => json('PATCH', `/api/v1/partner-tiers/${nobody}`, { protectionDays: 30 }),
      allowed: 404,
    },
  ],
  'GET /api/v1/partner-checklist-items': [
    { label: 'the checklist', request: () => get('/api/v1/partner-checklist-items'), allowed: 200 },
  ],
  'POST /api/v1/partner-checklist-items': [
    {
      label: 'an item whose code is taken',
      request: () =>
        json('POST', '/api/v1/partner-checklist-items', {
          code: 'agreement_signed',
          nameZh: '探针',
          nameEn: 'probe',
        }),
      allowed: 409,
    },
  ],
  'GET /api/v1/partner-certification-types': [
    { label: 'certification types', request: () => get('/api/v1/partner-certification-types'), allowed: 200 },
  ],
};
