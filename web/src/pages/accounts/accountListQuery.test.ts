import { describe, expect, it } from 'vitest';
import { withQuery } from '../../api/client.js';
import {
  filtersFromSearch,
  nextSort,
  refine,
  searchFromFilters,
  toFilterQuery,
  toListQuery,
  type AccountListFilters,
} from './accountListQuery.js';

const OWNER = '0b7f6a4e-3c1d-4e5f-8a9b-0c1d2e3f4a5b';

describe('the customer list in the address bar', () => {
  it('round-trips every filter, the sort and the page', () => {
    const filters: AccountListFilters = {
      q: '腾达',
      status: 'archived',
      ownerId: OWNER,
      teamId: OWNER,
      regionCode: '440100',
      industryCode: 'I',
      tag: 'vip',
      from: '2026-01-01',
      to: '2026-01-31',
      sort: 'legalName',
      order: 'asc',
      limit: 50,
      offset: 100,
    };
    const search = searchFromFilters(filters);
    expect(search.get('region')).toBe('440100');
    expect(search.get('page')).toBe('3');
    expect(filtersFromSearch(new URLSearchParams(search.toString()))).toEqual(filters);
  });

  it('leaves defaults out of the address', () => {
    expect(
      searchFromFilters({
        status: 'active',
        sort: 'createdAt',
        order: 'desc',
        limit: 20,
        offset: 0,
      }).toString(),
    ).toBe('');
    expect(filtersFromSearch(new URLSearchParams(''))).toEqual({ limit: 20, offset: 0 });
  });

  it('drops what a hand-edited link gets wrong instead of sending it', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        'status=gone&owner=alice&region=44&industry=ZZ&from=yesterday&sort=phone&order=up&size=7&page=-2',
      ),
    );
    expect(filters).toEqual({ limit: 20, offset: 0 });
  });

  it('asks the server for whole days, the end exclusive', () => {
    const query = toFilterQuery({ from: '2026-03-01', to: '2026-03-31', limit: 20, offset: 0 });
    expect(query.createdFrom).toBe(new Date(2026, 2, 1).toISOString());
    expect(query.createdTo).toBe(new Date(2026, 3, 1).toISOString());
  });

  it('sends only the filters that are set, with the page', () => {
    const query = toListQuery({ regionCode: '440000', sort: 'updatedAt', limit: 20, offset: 40 });
    expect(withQuery('/api/v1/accounts', query)).toBe(
      '/api/v1/accounts?regionCode=440000&sort=updatedAt&limit=20&offset=40',
    );
  });

  it('starts again at the first page when a filter changes', () => {
    expect(refine({ limit: 20, offset: 60 }, { tag: 'vip' })).toEqual({ tag: 'vip', limit: 20, offset: 0 });
  });
});

describe('nextSort', () => {
  it('sorts a new column its natural way first, then turns it round', () => {
    const byName = nextSort({ limit: 20, offset: 40 }, 'legalName');
    expect(byName).toMatchObject({ sort: 'legalName', order: 'asc', offset: 0 });
    expect(nextSort(byName, 'legalName')).toMatchObject({ sort: 'legalName', order: 'desc' });
    expect(nextSort(byName, 'updatedAt')).toMatchObject({ sort: 'updatedAt', order: 'desc' });
    // Newest first is the default: a click on Created turns it to oldest first.
    expect(nextSort({ limit: 20, offset: 0 }, 'createdAt')).toMatchObject({ order: 'asc' });
  });
});
