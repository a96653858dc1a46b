import { describe, expect, it } from 'vitest';
import { evidence } from '../../kernel/index.js';
import { isCollision, isOverdue, partiesFrom, viewerOf } from './sides.js';

const me = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const rep = '00000000-0000-4000-8000-000000000003';
const acc = '00000000-0000-4000-8000-000000000004';
const reg = '00000000-0000-4000-8000-000000000005';

describe('conflict case parties', () => {
  it('names the direct owner of a direct customer, and no partner', () => {
    const parties = partiesFrom(
      [
        evidence('registration.account', { accountId: acc, ownerId: rep, partnerId: null }),
        evidence('match.none'),
      ],
      me,
    );
    expect(parties).toEqual({
      accountId: acc,
      directOwnerId: rep,
      otherRegistrationId: null,
      otherPartnerId: null,
    });
  });

  it('names the registration holding the customer and its partner, never the claimant’s own', () => {
    const parties = partiesFrom(
      [
        evidence('registration.held', {
          registrationId: reg,
          partnerId: other,
          protectedUntil: '2030-01-01',
        }),
        evidence('registration.account', { accountId: acc, ownerId: rep, partnerId: other }),
      ],
      me,
    );
    expect(parties).toEqual({
      accountId: acc,
      directOwnerId: null,
      otherRegistrationId: reg,
      otherPartnerId: other,
    });
  });

  it('takes only collisions as cases, and tells each reader its side', () => {
    expect(isCollision('DIRECT_CUSTOMER')).toBe(true);
    expect(isCollision('BELOW_MINIMUM')).toBe(false);
    expect(isCollision(null)).toBe(false);
    expect(viewerOf({ scope: 'all', partnerId: null }, { partner_id: me })).toBe('channel');
    expect(viewerOf({ scope: 'partner', partnerId: me }, { partner_id: me })).toBe('claimant');
    expect(viewerOf({ scope: 'partner', partnerId: other }, { partner_id: me })).toBe('holder');
    expect(viewerOf({ scope: 'own', partnerId: null }, { partner_id: me })).toBe('holder');
  });

  it('is overdue past either due instant while open, never once decided', () => {
    const now = new Date('2030-01-02T00:00:00Z');
    const c = { status: 'open', respond_by: '2030-01-01T00:00:00Z', decide_by: '2030-01-05T00:00:00Z' };
    expect(isOverdue({ ...c, first_response_at: null }, now)).toBe(true);
    expect(isOverdue({ ...c, first_response_at: '2030-01-01T00:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ ...c, status: 'decided', first_response_at: null }, now)).toBe(false);
    expect(isOverdue({ ...c, decide_by: '2030-01-01T12:00:00Z', first_response_at: 'x' }, now)).toBe(true);
  });
});
