import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';

const noSuch = '00000000-0000-4000-8000-000000000000';

/**
 * Transactions, exchange rates and credit. Transactions and splits are scope all's books: every probe aims
 * at what the route refuses on its own terms (an unknown customer, a rate of zero, a split that does not
 * exist) or reads, so no cell changes what the others read. Credit lines are read by every role, each
 * within its scope.
 */
export const TRANSACTION_PROBES: Record<string, Probe[]> = {
  'POST /api/v1/transactions/import': [
    {
      label: 'a file that is not CSV or XLSX',
      request: () => ({
        method: 'POST',
        path: '/api/v1/transactions/import?filename=list.txt',
        body: 'external_id\n1\n',
        headers: { 'content-type': 'text/csv' },
      }),
      allowed: 400,
    },
  ],
  'POST /api/v1/transactions': [
    {
      label: 'an order for an unknown customer',
      request: () =>
        json('POST', '/api/v1/transactions', {
          externalId: 'probe-1',
          kind: 'order',
          customer: { accountId: noSuch },
          currency: 'CNY',
          transactionDate: '2026-01-01',
          lines: [{ productId: noSuch, gross: '1.00' }],
        }),
      allowed: 400,
    },
  ],
  'POST /api/v1/transactions/batch': [
    {
      label: 'a batch with a negative order',
      request: () =>
        json('POST', '/api/v1/transactions/batch', {
          items: [
            {
              externalId: 'probe-2',
              kind: 'order',
              customer: { accountId: noSuch },
              currency: 'CNY',
              transactionDate: '2026-01-01',
              lines: [{ productId: noSuch, gross: '-1.00' }],
            },
          ],
        }),
      allowed: 400,
    },
  ],
  'GET /api/v1/transactions': [
    { label: 'every transaction', request: () => get('/api/v1/transactions'), allowed: 200 },
  ],
  'GET /api/v1/transactions/:id': [
    {
      label: 'a transaction that does not exist',
      request: () => get(`/api/v1/transactions/${noSuch}`),
      allowed: 404,
    },
  ],
  'POST /api/v1/transactions/:id/credit-splits': [
    {
      label: 'a split of a transaction that does not exist',
      request: () =>
        json('POST', `/api/v1/transactions/${noSuch}/credit-splits`, {
          reason: 'probe',
          lines: [{ userId: noSuch, role: 'primary', share: '100' }],
        }),
      allowed: 404,
    },
  ],
  'GET /api/v1/credit-splits': [
    { label: 'pending splits', request: () => get('/api/v1/credit-splits?status=pending'), allowed: 200 },
  ],
  'POST /api/v1/credit-splits/:id/approve': [
    {
      label: 'a split that does not exist',
      request: () => json('POST', `/api/v1/credit-splits/${noSuch}/approve`, {}),
      allowed: 404,
    },
  ],
  'POST /api/v1/credit-splits/:id/reject': [
    {
      label: 'a split that does not exist',
      request: () => json('POST', `/api/v1/credit-splits/${noSuch}/reject`, {}),
      allowed: 404,
    },
  ],
  'GET /api/v1/credit-lines': [
    { label: 'credit lines in sight', request: () => get('/api/v1/credit-lines'), allowed: 200 },
  ],
  'GET /api/v1/exchange-rates': [
    { label: 'every rate', request: () => get('/api/v1/exchange-rates'), allowed: 200 },
  ],
  'PUT /api/v1/exchange-rates': [
    {
      label: 'a rate of zero',
      request: () =>
        json('PUT', '/api/v1/exchange-rates', { base: 'USD', quote: 'CNY', date: '2026-01-01', rate: '0' }),
      allowed: 400,
    },
  ],
  'GET /api/v1/exchange-rates/convert': [
    {
      label: 'a conversion to the same currency',
      request: () => get('/api/v1/exchange-rates/convert?from=CNY&to=CNY&date=2026-01-01&amount=1.00'),
      allowed: 200,
    },
  ],
};
