import { describe, expect, it } from 'vitest';
import { archiveRefusal } from './accounts.bulk.js';

describe('archiveRefusal', () => {
  it('lets an active account in sight be archived', () => {
    expect(archiveRefusal({ status: 'active' }, true)).toBeNull();
  });
  it('tells a missing account and one out of sight alike', () => {
    expect(archiveRefusal(undefined, false)).toEqual({ code: 'not_visible' });
    expect(archiveRefusal({ status: 'active' }, false)).toEqual({ code: 'not_visible' });
    expect(archiveRefusal({ status: 'merged' }, false)).toEqual({ code: 'not_visible' });
  });
  it('names an archived account and a state that forbids archiving', () => {
    expect(archiveRefusal({ status: 'archived' }, true)).toEqual({ code: 'already_archived' });
    expect(archiveRefusal({ status: 'merged' }, true)).toEqual({
      code: 'not_allowed',
      params: { status: 'merged' },
    });
  });
});
