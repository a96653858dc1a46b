import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';
import type { World } from './visibility-world.js';

const a = (w: World) => w.activities;
const noSuchProduct = '00000000-0000-4000-8000-000000000000';

/**
 * Follow-ups, the catalogue, opportunities, quotes and overlap alerts. Mutating probes on B ask for something
 * the route refuses on its own terms once the caller may see B (a follow-up dated before B existed, an unknown
 * product, a won opportunity, a quote already sent or still a draft), so no cell changes what the others read.
 */
export const ACTIVITY_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/accounts/:id/follow-ups': [
    {
      label: 'B’s follow-ups',
      target: (w) => w.accounts.b.id,
      request: ({ world }) => get(`/api/v1/accounts/${world.accounts.b.id}/follow-ups`),
      allowed: 200,
    },
  ],
  'POST /api/v1/accounts/:id/follow-ups': [
    {
      label: 'a follow-up on B dated before B existed',
      target: (w) => w.accounts.b.id,
      request: ({ world }) =>
        json('POST', `/api/v1/accounts/${world.accounts.b.id}/follow-ups`, {
          kind: 'call',
          at: '2001-01-01T00:00:00Z',
          note: 'probe',
        }),
      allowed: 400,
    },
  ],
  'GET /api/v1/product-lines': [
    { label: 'the catalogue’s lines', request: () => get('/api/v1/product-lines'), allowed: 200 },
  ],
  'POST /api/v1/product-lines': [
    {
      label: 'a line with a taken code',
      request: ({ world }) =>
        json('POST', '/api/v1/product-lines', {
          code: a(world).productLine.code,
          nameZh: '重复',
          nameEn: 'Again',
        }),
      allowed: 409,
    },
  ],
  'GET /api/v1/products': [
    { label: 'the catalogue', request: () => get('/api/v1/products?limit=200'), allowed: 200 },
  ],
  'POST /api/v1/products': [
    {
      label: 'a product with a taken code',
      request: ({ world }) =>
        json('POST', '/api/v1/products', {
          code: a(world).product.code,
          name: 'again',
          productLineId: a(world).productLine.id,
          listPrice: '1',
          currency: 'CNY',
        }),
      allowed: 409,
    },
  ],
  'PATCH /api/v1/products/:id': [
    {
      label: 'moved to no line',
      request: ({ world }) =>
        json('PATCH', `/api/v1/products/${a(world).product.id}`, { productLineId: noSuchProduct }),
      allowed: 400,
    },
  ],
  'GET /api/v1/opportunities': [
    {
      label: 'every opportunity',
      request: () => get('/api/v1/opportunities?limit=200'),
      allowed: 200,
      counts: { of: 'opportunities' },
    },
  ],
  'POST /api/v1/opportunities': [
    {
      label: 'on B, with an unknown product',
      target: (w) => w.accounts.b.id,
      request: ({ world }) =>
        json('POST', '/api/v1/opportunities', {
          accountId: world.accounts.b.id,
          name: 'probe',
          amount: '1.00',
          currency: 'CNY',
          lines: [{ productId: noSuchProduct, quantity: 1 }],
        }),
      allowed: 400,
    },
  ],
  'GET /api/v1/opportunities/:id': [
    {
      label: 'B’s open opportunity',
      target: (w) => a(w).opportunities.openB,
      request: ({ world }) => get(`/api/v1/opportunities/${a(world).opportunities.openB}`),
      allowed: 200,
    },
  ],
  'PATCH /api/v1/opportunities/:id': [
    {
      label: 'B’s won opportunity',
      target: (w) => a(w).opportunities.wonB,
      request: ({ world }) =>
        json('PATCH', `/api/v1/opportunities/${a(world).opportunities.wonB}`, { stage: 'commit' }),
      allowed: 409,
    },
  ],
  'POST /api/v1/opportunities/:id/won': [
    {
      label: 'B’s won opportunity',
      target: (w) => a(w).opportunities.wonB,
      request: ({ world }) => json('POST', `/api/v1/opportunities/${a(world).opportunities.wonB}/won`, {}),
      allowed: 409,
    },
  ],
  'POST /api/v1/opportunities/:id/lost': [
    {
      label: 'B’s won opportunity',
      target: (w) => a(w).opportunities.wonB,
      request: ({ world }) =>
        json('POST', `/api/v1/opportunities/${a(world).opportunities.wonB}/lost`, { reason: 'probe' }),
      allowed: 409,
    },
  ],
  'GET /api/v1/quotes': [
    {
      label: 'every quote',
      request: () => get('/api/v1/quotes?limit=200'),
      allowed: 200,
      counts: { of: 'quotes' },
    },
    {
      label: 'quotes on B’s open opportunity',
      request: ({ world }) => get(`/api/v1/quotes?opportunityId=${a(world).opportunities.openB}`),
      allowed: 200,
    },
  ],
  'POST /api/v1/quotes': [
    {
      label: 'on B’s open opportunity, with an unknown product',
      target: (w) => a(w).opportunities.openB,
      request: ({ world }) =>
        json('POST', '/api/v1/quotes', {
          opportunityId: a(world).opportunities.openB,
          validUntil: '2040-12-31',
          lines: [{ productId: noSuchProduct, quantity: 1 }],
        }),
      allowed: 400,
    },
  ],
  'POST /api/v1/quotes/:id/send': [
    {
      label: 'B’s quote, sent already',
      target: (w) => a(w).quotes.sentB,
      request: ({ world }) => json('POST', `/api/v1/quotes/${a(world).quotes.sentB}/send`, {}),
      allowed: 409,
    },
  ],
  'POST /api/v1/quotes/:id/accept': [
    {
      label: 'B’s draft',
      target: (w) => a(w).quotes.draftB,
      request: ({ world }) => json('POST', `/api/v1/quotes/${a(world).quotes.draftB}/accept`, {}),
      allowed: 409,
    },
  ],
  'POST /api/v1/quotes/:id/reject': [
    {
      label: 'B’s draft',
      target: (w) => a(w).quotes.draftB,
      request: ({ world }) => json('POST', `/api/v1/quotes/${a(world).quotes.draftB}/reject`, {}),
      allowed: 409,
    },
  ],
  'GET /api/v1/overlap-alerts': [
    {
      label: 'every alert',
      request: () => get('/api/v1/overlap-alerts?limit=200'),
      allowed: 200,
      counts: { of: 'overlap alerts' },
    },
  ],
};
