import { describe, expect, it } from 'vitest';
import type { AccessRequest } from '../../api/types.js';
import { filterQuery, requestActions } from './accessRequestFilter.js';

const request = (over: Partial<AccessRequest>): AccessRequest => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'access',
  status: 'open',
  customerName: '翠微泉',
  note: null,
  requester: { id: '00000000-0000-4000-8000-000000000002', displayName: '李雷' },
  mine: false,
  account: null,
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  decisionId: null,
  createdAt: '2026-11-28T00:00:00Z',
  updatedAt: '2026-11-28T00:00:00Z',
  ...over,
});

describe('access request filters and actions', () => {
  it('turn a tab into the list query', () => {
    expect(filterQuery('open')).toEqual({ status: 'open' });
    expect(filterQuery('mine')).toEqual({ mine: true });
    expect(filterQuery('all')).toEqual({});
  });

  it('let a decider decide others’ open requests and a requester withdraw its own', () => {
    expect(requestActions(request({}), true)).toEqual({ decide: true, withdraw: false });
    expect(requestActions(request({ mine: true }), true)).toEqual({ decide: false, withdraw: true });
    expect(requestActions(request({}), false)).toEqual({ decide: false, withdraw: false });
    expect(requestActions(request({ status: 'granted', mine: true }), true)).toEqual({
      decide: false,
      withdraw: false,
    });
  });
});
