import { describe, expect, it } from 'vitest';
import { withQuery } from '../../api/client.js';
import { toAuditQuery } from './auditQuery.js';

describe('toAuditQuery', () => {
  it('leaves out filters that are not set', () => {
    const query = toAuditQuery(
      { entityType: 'user', entityId: '  ', action: undefined },
      { limit: 20, offset: 40 },
    );
    expect(withQuery('/api/v1/audit', query)).toBe('/api/v1/audit?limit=20&offset=40&entityType=user');
  });

  it('sends the time range as ISO instants, either end open', () => {
    const from = new Date('2025-03-01T08:00:00+08:00');
    expect(toAuditQuery({ range: [from, null] }, { limit: 50, offset: 0 })).toMatchObject({
      from: '2025-03-01T00:00:00.000Z',
      to: undefined,
    });
  });

  it('trims text filters', () => {
    expect(
      toAuditQuery({ entityId: ' abc ', action: ' user.created ' }, { limit: 1, offset: 0 }),
    ).toMatchObject({
      entityId: 'abc',
      action: 'user.created',
    });
  });
});
