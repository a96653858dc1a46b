import type { Query } from '../../api/client.js';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../api/types.js';

/**
 * The customer list's filters, sort and page, kept in the address bar so that a filtered list can be linked,
 * bookmarked and reloaded: `?region=440100&industry=I&sort=legalName&order=asc`. What is at its default is
 * left out of the address; what a hand-edited link gets wrong is dropped rather than sent to the server.
 */
export const ACCOUNT_SORTS = ['createdAt', 'updatedAt', 'legalName'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface AccountListFilters {
  q?: string | undefined;
  status?: AccountStatus | undefined;
  ownerId?: string | undefined;
  teamId?: string | undefined;
  /** GB/T 2260 at any level: the region and everything under it. */
  regionCode?: string | undefined;
  /** GB/T 4754: a section letter or a division. */
  industryCode?: string | undefined;
  tag?: string | undefined;
  /** Created on or after this day (YYYY-MM-DD, the browser's calendar). */
  from?: string | undefined;
  /** Created on or before this day. */
  to?: string | undefined;
  sort?: AccountSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit: number;
  offset: number;
}

export const DEFAULT_PAGE_SIZE = 20;

/** URL parameter of each filter (short where the API's name is long). */
const PARAMS = {
  q: 'q',
  status: 'status',
  ownerId: 'owner',
  teamId: 'team',
  regionCode: 'region',
  industryCode: 'industry',
  tag: 'tag',
  from: 'from',
  to: 'to',
  sort: 'sort',
  order: 'order',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: string): v is T =>
    (values as readonly string[]).includes(v);

const VALID: Record<keyof typeof PARAMS, (value: string) => boolean> = {
  q: (v) => v.trim().length > 0 && v.length <= 100,
  status: oneOf(ACCOUNT_STATUSES),
  ownerId: (v) => UUID.test(v),
  teamId: (v) => UUID.test(v),
  regionCode: (v) => /^\d{6}$/.test(v),
  industryCode: (v) => /^(?:[A-T]|\d{2})$/.test(v),
  tag: (v) => v.trim().length > 0 && v.length <= 30,
  from: (v) => DAY.test(v) && !Number.isNaN(Date.parse(v)),
  to: (v) => DAY.test(v) && !Number.isNaN(Date.parse(v)),
  sort: oneOf(ACCOUNT_SORTS),
  order: oneOf(['asc', 'desc'] as const),
};

export function filtersFromSearch(search: URLSearchParams): AccountListFilters {
  const filters: AccountListFilters = { limit: DEFAULT_PAGE_SIZE, offset: 0 };
  for (const key of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
    const value = search.get(PARAMS[key]);
    if (value !== null && VALID[key](value)) (filters as unknown as Record<string, string>)[key] = value;
  }
  const size = Number(search.get('size'));
  if ((PAGE_SIZES as readonly number[]).includes(size)) filters.limit = size;
  const page = Number(search.get('page'));
  if (Number.isInteger(page) && page > 1) filters.offset = (page - 1) * filters.limit;
  return filters;
}

export function searchFromFilters(filters: AccountListFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
    const value = filters[key];
    if (!value) continue;
    if (key === 'status' && value === 'active') continue;
    if (key === 'sort' && value === 'createdAt') continue;
    if (key === 'order' && value === 'desc') continue;
    search.set(PARAMS[key], value);
  }
  if (filters.limit !== DEFAULT_PAGE_SIZE) search.set('size', String(filters.limit));
  const page = Math.floor(filters.offset / filters.limit) + 1;
  if (page > 1) search.set('page', String(page));
  return search;
}

/** Midnight at the start of a YYYY-MM-DD day in the browser's zone, `days` later, as an ISO instant. */
function startOfDay(day: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}

/** The filters as the list endpoint and the export take them (no page). */
export function toFilterQuery(filters: AccountListFilters): Query {
  return {
    q: filters.q,
    status: filters.status,
    ownerId: filters.ownerId,
    teamId: filters.teamId,
    regionCode: filters.regionCode,
    industryCode: filters.industryCode,
    tag: filters.tag,
    createdFrom: filters.from ? startOfDay(filters.from) : undefined,
    // The server's end is exclusive: the day after the last day chosen.
    createdTo: filters.to ? startOfDay(filters.to, 1) : undefined,
    sort: filters.sort,
    order: filters.order,
  };
}

/** GET /api/v1/accounts: the filters and the page. */
export function toListQuery(filters: AccountListFilters): Query {
  return { ...toFilterQuery(filters), limit: filters.limit, offset: filters.offset };
}

/** A change of filters starts again at the first page. */
export function refine(filters: AccountListFilters, patch: Partial<AccountListFilters>): AccountListFilters {
  return { ...filters, ...patch, offset: 0 };
}

/** Which way a column sorts first: names A→Z, times newest first. */
const FIRST_ORDER: Record<AccountSort, 'asc' | 'desc'> = {
  legalName: 'asc',
  createdAt: 'desc',
  updatedAt: 'desc',
};

/** A click on a sortable column's header: sort by it, or turn its order round if it already sorts. */
export function nextSort(filters: AccountListFilters, key: AccountSort): AccountListFilters {
  const current = filters.sort ?? 'createdAt';
  const order = current === key ? ((filters.order ?? 'desc') === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[key];
  return refine(filters, { sort: key, order });
}
