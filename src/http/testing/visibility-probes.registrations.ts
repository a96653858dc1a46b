import type { Probe } from './visibility-probe.js';
import { get, isPartner, json } from './visibility-probe.js';
import type { World } from './visibility-world.js';

const r = (w: World) => w.registrations;
const noSuchProduct = '00000000-0000-4000-8000-000000000000';

/** A transition on P2's withdrawn registration: refused as a wrong state by whoever may see it. */
const transition = (suffix: string, body: unknown): Probe[] => [
  {
    label: `${suffix} on P2’s withdrawn registration`,
    target: (w) => r(w).withdrawnP2,
    request: ({ world }) => json('POST', `/api/v1/registrations/${r(world).withdrawnP2}/${suffix}`, body),
    allowed: 409,
    hidden: 404,
  },
];

/**
 * Deal registration. A partner's people never reach another partner's registrations (404, as a random id);
 * internal roles other than scope all see none; only a partner's people register (others 403).
 */
export const REGISTRATION_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/registrations': [
    {
      label: 'every registration in sight',
      request: () => get('/api/v1/registrations?limit=200'),
      allowed: 200,
      counts: { of: 'registrations' },
    },
  ],
  'POST /api/v1/registrations': [
    {
      label: 'a registration of an unknown product',
      request: ({ world }) =>
        json('POST', '/api/v1/registrations', {
          customer: { legalName: `${world.prefix}探针有限公司` },
          name: 'probe',
          currency: 'CNY',
          lines: [{ productId: noSuchProduct, quantity: 1, amount: '1.00' }],
          expectedClose: '2999-01-01',
        }),
      allowed: ({ role }) => (isPartner(role) ? 400 : 403),
    },
  ],
  'POST /api/v1/registrations/availability': [
    {
      label: 'is a customer nobody has available',
      request: ({ world, n }) =>
        json('POST', '/api/v1/registrations/availability', { legalName: `${world.prefix}无人${n}有限公司` }),
      allowed: ({ role }) => (isPartner(role) ? 200 : 403),
    },
  ],
  'GET /api/v1/registrations/settings': [
    { label: 'the registration rules', request: () => get('/api/v1/registrations/settings'), allowed: 200 },
  ],
  'PATCH /api/v1/registrations/settings': [
    {
      label: 'a protection of no days',
      request: () => json('PATCH', '/api/v1/registrations/settings', { protectionDays: 0 }),
      allowed: 400,
    },
  ],
  'GET /api/v1/registrations/:id': [
    {
      label: 'P2’s draft',
      target: (w) => r(w).draftP2,
      request: ({ world }) => get(`/api/v1/registrations/${r(world).draftP2}`),
      allowed: 200,
      hidden: 404,
    },
  ],
  'PATCH /api/v1/registrations/:id': [
    {
      label: 'P2’s draft moved to an unknown product',
      target: (w) => r(w).draftP2,
      request: ({ world }) =>
        json('PATCH', `/api/v1/registrations/${r(world).draftP2}`, {
          currency: 'CNY',
          lines: [{ productId: noSuchProduct, quantity: 1, amount: '1.00' }],
        }),
      allowed: 400,
      hidden: 404,
    },
  ],
  'POST /api/v1/registrations/:id/submit': transition('submit', {}),
  'POST /api/v1/registrations/:id/withdraw': transition('withdraw', { reason: 'probe' }),
  'POST /api/v1/registrations/:id/extension': transition('extension', { days: 1, reason: 'probe' }),
  'POST /api/v1/registrations/:id/extension/decide': transition('extension/decide', {
    approve: true,
    reason: 'probe',
  }),
  'POST /api/v1/registrations/:id/approve': transition('approve', {}),
  'POST /api/v1/registrations/:id/return': transition('return', { reason: 'probe' }),
  'POST /api/v1/registrations/:id/reject': transition('reject', { reason: 'probe' }),
  'POST /api/v1/registrations/:id/won': transition('won', {}),
  'POST /api/v1/registrations/:id/lost': transition('lost', { reason: 'probe' }),
  'GET /api/v1/registrations/:id/attachments': [
    {
      label: 'the files on P2’s draft',
      target: (w) => r(w).draftP2,
      request: ({ world }) => get(`/api/v1/registrations/${r(world).draftP2}/attachments`),
      allowed: 200,
      hidden: 404,
    },
  ],
  'GET /api/v1/registrations/:id/attachments/:attachmentId': [
    {
      label: 'a file on P2’s draft',
      target: (w) => r(w).draftP2,
      request: ({ world }) =>
        get(`/api/v1/registrations/${r(world).draftP2}/attachments/${r(world).attachmentP2}`),
      allowed: 200,
      hidden: 404,
    },
  ],
  'POST /api/v1/registrations/:id/attachments': [
    {
      label: 'a file for P2’s withdrawn registration',
      target: (w) => r(w).withdrawnP2,
      request: ({ world }) => ({
        method: 'POST',
        path: `/api/v1/registrations/${r(world).withdrawnP2}/attachments?filename=probe.txt`,
        headers: { 'content-type': 'text/plain' },
        body: 'probe',
      }),
      allowed: 409,
      hidden: 404,
    },
  ],
  'DELETE /api/v1/registrations/:id/attachments/:attachmentId': [
    {
      label: 'the file on P2’s withdrawn registration',
      target: (w) => r(w).withdrawnP2,
      request: ({ world }) => ({
        method: 'DELETE',
        path: `/api/v1/registrations/${r(world).withdrawnP2}/attachments/${r(world).withdrawnAttachmentP2}`,
      }),
      allowed: 409,
      hidden: 404,
    },
  ],
  'GET /api/v1/registrations/:id/timeline': [
    {
      label: 'P2’s draft’s timeline',
      target: (w) => r(w).draftP2,
      request: ({ world }) => get(`/api/v1/registrations/${r(world).draftP2}/timeline`),
      allowed: 200,
      hidden: 404,
    },
  ],
};
