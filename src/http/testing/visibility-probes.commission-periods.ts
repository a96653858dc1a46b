import type { Probe } from './visibility-probe.js';
import { get, json } from './visibility-probe.js';

const noSuch = '00000000-0000-4000-8000-000000000000';
const missing = (label: string, method: 'GET' | 'POST', path: string, body?: unknown): Probe[] => [
  {
    label,
    request: () => (method === 'GET' ? get(path) : json('POST', path, body ?? {})),
    allowed: 404,
  },
];

/**
 * Commission periods and statements. Calculating and closing are finance's (commission:approve); reading
 * needs commission:read and answers a period or statement out of the caller's sight as one that does not
 * exist. `src/modules/commission/periods.api.test.ts` walks the in-sight cases with real plans.
 */
export const COMMISSION_PERIOD_PROBES: Record<string, Probe[]> = {
  'GET /api/v1/commission/plans/:id/periods': missing(
    'the periods of a plan that does not exist',
    'GET',
    `/api/v1/commission/plans/${noSuch}/periods`,
  ),
  'POST /api/v1/commission/periods/:id/calculate': missing(
    'calculating a period that does not exist',
    'POST',
    `/api/v1/commission/periods/${noSuch}/calculate`,
  ),
  'POST /api/v1/commission/periods/:id/approve': missing(
    'approving a period that does not exist',
    'POST',
    `/api/v1/commission/periods/${noSuch}/approve`,
  ),
  'POST /api/v1/commission/periods/:id/lock': missing(
    'locking a period that does not exist',
    'POST',
    `/api/v1/commission/periods/${noSuch}/lock`,
  ),
  'POST /api/v1/commission/periods/:id/pay': missing(
    'paying a period that does not exist',
    'POST',
    `/api/v1/commission/periods/${noSuch}/pay`,
  ),
  'GET /api/v1/commission/periods/:id/statements': missing(
    'the statements of a period that does not exist',
    'GET',
    `/api/v1/commission/periods/${noSuch}/statements`,
  ),
  'GET /api/v1/commission/periods/:id/statements/:payeeId': missing(
    'a statement that does not exist',
    'GET',
    `/api/v1/commission/periods/${noSuch}/statements/${noSuch}`,
  ),
  'GET /api/v1/commission/my/statements': [
    {
      label: 'the caller’s own statements',
      request: () => get('/api/v1/commission/my/statements'),
      allowed: 200,
    },
  ],
  'POST /api/v1/commission/plans/:id/what-if': missing(
    'a what-if on a plan that does not exist',
    'POST',
    `/api/v1/commission/plans/${noSuch}/what-if`,
    {
      rules: { currency: 'CNY', period: 'year', tiers: [{ from: '0', to: null, rate: '1' }] },
      periodStarts: ['2024-01-01'],
    },
  ),
};
