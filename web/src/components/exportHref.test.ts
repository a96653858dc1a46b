import { describe, expect, it } from 'vitest';
import { exportHref } from './exportHref.js';

describe('exportHref', () => {
  it('carries the list’s filters, the format and the UI language', () => {
    const source = {
      key: 'accounts',
      path: '/api/v1/exports/accounts',
      query: { regionCode: '440100', q: undefined, tag: '' },
    };
    expect(exportHref(source, 'csv', 'en')).toBe(
      '/api/v1/exports/accounts?regionCode=440100&format=csv&lang=en',
    );
    expect(exportHref(source, 'xlsx', 'zh-CN')).toBe(
      '/api/v1/exports/accounts?regionCode=440100&format=xlsx&lang=zh-CN',
    );
  });

  it('asks for Chinese headings in any language the server does not know', () => {
    expect(exportHref({ key: 'users', path: '/api/v1/exports/users' }, 'xlsx', 'fr')).toBe(
      '/api/v1/exports/users?format=xlsx&lang=zh-CN',
    );
  });
});
