import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';
import type { World } from './visibility-world.js';

const tw = (w: World) => w.territories;
const product = (w: World) => w.activities.product.id;
const noSuch = '00000000-0000-4000-8000-000000000000';

/**
 * Price lists, territory models, the fence and its exceptions. Mutating probes ask for what the route
 * refuses on its own terms (an overlapping price, a change to the active model, an unknown customer), so no
 * cell changes what the others read; revoking P2's exception is done once by the world, and again is a no-op.
 */
export const TERRITORY_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/products/:id/prices': [
    {
      label: 'the product’s prices',
      request: ({ world }) => get(`/api/v1/products/${product(world)}/prices`),
      allowed: 200,
    },
  ],
  'POST /api/v1/products/:id/prices': [
    {
      label: 'a price with too many decimals',
      request: ({ world }) =>
        json('POST', `/api/v1/products/${product(world)}/prices`, {
          currency: 'CNY',
          price: '1.001',
          validFrom: '2026-01-01',
        }),
      allowed: 400,
    },
  ],
  'DELETE /api/v1/products/:id/prices/:priceId': [
    {
      label: 'a price that does not exist',
      request: ({ world }) => ({
        method: 'DELETE',
        path: `/api/v1/products/${product(world)}/prices/${noSuch}`,
      }),
      allowed: 404,
    },
  ],
  'GET /api/v1/products/:id/price': [
    {
      label: 'the catalogue price in CNY',
      request: ({ world }) => get(`/api/v1/products/${product(world)}/price?currency=CNY&date=2026-01-01`),
      allowed: 200,
    },
  ],
  'GET /api/v1/territories': [
    { label: 'the active map', request: () => get('/api/v1/territories'), allowed: 200 },
  ],
  'GET /api/v1/fence': [
    {
      label: 'P2’s fence in Guangzhou',
      target: (w) => w.partners.p2,
      request: ({ world }) => get(`/api/v1/fence?partnerId=${world.partners.p2}&regionCode=440106`),
      allowed: 200,
    },
    {
      label: 'team B’s fence in Guangzhou',
      request: ({ world }) => get(`/api/v1/fence?teamId=${world.teams.b.id}&regionCode=440106`),
      allowed: ({ role }) => (['admin', 'sales_ops', 'finance'].includes(role) ? 200 : 404),
    },
  ],
  'GET /api/v1/territory-models': [
    { label: 'every model', request: () => get('/api/v1/territory-models'), allowed: 200 },
  ],
  'POST /api/v1/territory-models': [
    {
      label: 'a draft based on no model',
      request: () => json('POST', '/api/v1/territory-models', { name: 'probe', basedOn: noSuch }),
      allowed: 404,
    },
  ],
  'GET /api/v1/territory-models/:id': [
    {
      label: 'the draft',
      request: ({ world }) => get(`/api/v1/territory-models/${tw(world).draft}`),
      allowed: 200,
    },
  ],
  'PUT /api/v1/territory-models/:id/territories': [
    {
      label: 'a territory of the active model',
      request: ({ world }) =>
        json('PUT', `/api/v1/territory-models/${tw(world).active}/territories`, {
          code: 'south',
          name: 'x',
          areas: [],
        }),
      allowed: 409,
    },
  ],
  'DELETE /api/v1/territory-models/:id/territories/:code': [
    {
      label: 'a territory of the active model',
      request: ({ world }) => ({
        method: 'DELETE',
        path: `/api/v1/territory-models/${tw(world).active}/territories/south`,
      }),
      allowed: 409,
    },
  ],
  'POST /api/v1/territory-models/:id/authorisations': [
    {
      label: 'an authorisation on the active model',
      request: ({ world }) =>
        json('POST', `/api/v1/territory-models/${tw(world).active}/authorisations`, {
          territoryCode: 'south',
          partnerId: world.partners.p1,
          validFrom: '2026-01-01',
        }),
      allowed: 409,
    },
  ],
  'DELETE /api/v1/territory-models/:id/authorisations/:authorisationId': [
    {
      label: 'an authorisation of the active model',
      request: ({ world }) => ({
        method: 'DELETE',
        path: `/api/v1/territory-models/${tw(world).active}/authorisations/${noSuch}`,
      }),
      allowed: 409,
    },
  ],
  'GET /api/v1/territory-models/:id/comparison': [
    {
      label: 'the draft against the active model',
      request: ({ world }) => get(`/api/v1/territory-models/${tw(world).draft}/comparison`),
      allowed: 200,
    },
  ],
  'POST /api/v1/territory-models/:id/activate': [
    {
      label: 'the model already active',
      request: ({ world }) => json('POST', `/api/v1/territory-models/${tw(world).active}/activate`, {}),
      allowed: 409,
    },
  ],
  'GET /api/v1/territory-exceptions': [
    { label: 'every exception', request: () => get('/api/v1/territory-exceptions'), allowed: 200 },
  ],
  'POST /api/v1/territory-exceptions': [
    {
      label: 'an exception on an unknown customer',
      request: ({ world }) =>
        json('POST', '/api/v1/territory-exceptions', {
          partnerId: world.partners.p1,
          accountId: noSuch,
          note: 'probe',
          expiresOn: '2099-01-01',
        }),
      allowed: 400,
    },
  ],
  'POST /api/v1/territory-exceptions/:id/revoke': [
    {
      label: 'P2’s exception, revoked already',
      target: (w) => tw(w).exceptionP2,
      request: ({ world }) =>
        json('POST', `/api/v1/territory-exceptions/${tw(world).exceptionP2}/revoke`, {}),
      allowed: 200,
    },
  ],
};
