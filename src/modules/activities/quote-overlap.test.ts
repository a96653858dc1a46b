import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concurrentQuotes, partyOf, type QuoteFacts } from './quote-overlap.js';

const quote = (over: Partial<QuoteFacts>): QuoteFacts => ({
  id: 'q1',
  accountId: 'a1',
  groupId: 'a1',
  teamId: 't1',
  partnerId: null,
  createdBy: 'u1',
  validFrom: '2027-01-01',
  validUntil: '2027-01-31',
  ...over,
});

describe('concurrent quotes', () => {
  it('finds another team quoting the same customer in an overlapping window, with the shared dates', () => {
    const sent = quote({});
    const other = quote({ id: 'q2', teamId: 't2', validFrom: '2027-01-20', validUntil: '2027-02-28' });
    expect(concurrentQuotes(sent, [other])).toEqual([
      { other, window: { from: '2027-01-20', until: '2027-01-31' } },
    ]);
  });

  it('finds a partner quoting a subsidiary of the same group', () => {
    const sent = quote({});
    const other = quote({ id: 'q2', accountId: 'a2', teamId: null, partnerId: 'p1', createdBy: 'u9' });
    expect(concurrentQuotes(sent, [other])).toHaveLength(1);
  });

  it('leaves the same team, other groups, windows that only touch in sequence, and the quote itself', () => {
    const sent = quote({});
    expect(
      concurrentQuotes(sent, [
        sent,
        quote({ id: 'q2', createdBy: 'u2' }),
        quote({ id: 'q3', teamId: 't2', groupId: 'a9' }),
        quote({ id: 'q4', teamId: 't2', validFrom: '2027-02-01', validUntil: '2027-02-10' }),
      ]),
    ).toEqual([]);
    // A window ending the day the other starts overlaps by that day.
    const touching = quote({ id: 'q5', teamId: 't2', validFrom: '2027-01-31', validUntil: '2027-03-01' });
    expect(concurrentQuotes(sent, [touching])[0]?.window).toEqual({
      from: '2027-01-31',
      until: '2027-01-31',
    });
  });

  it('tells parties apart: a partner is not its user’s team, people without a team are each their own', () => {
    expect(partyOf({ teamId: 't1', partnerId: 'p1', createdBy: 'u1' })).toBe('partner:p1');
    expect(partyOf({ teamId: null, partnerId: null, createdBy: 'u1' })).not.toBe(
      partyOf({ teamId: null, partnerId: null, createdBy: 'u2' }),
    );
  });

  it('is symmetric: whichever is sent second finds the same clash over the same dates', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2027-03-${String(d).padStart(2, '0')}`);
    const window = fc.tuple(day, day).map(([a, b]): [string, string] => (a <= b ? [a, b] : [b, a]));
    const facts = fc.record({
      groupId: fc.constantFrom('g1', 'g2'),
      teamId: fc.constantFrom('t1', 't2', null),
      partnerId: fc.constantFrom('p1', null),
      window,
    });
    fc.assert(
      fc.property(facts, facts, (a, b) => {
        const qa = quote({ id: 'a', ...a, validFrom: a.window[0], validUntil: a.window[1] });
        const qb = quote({ id: 'b', ...b, validFrom: b.window[0], validUntil: b.window[1] });
        const ab = concurrentQuotes(qa, [qb]);
        const ba = concurrentQuotes(qb, [qa]);
        expect(ab.map((c) => c.window)).toEqual(ba.map((c) => c.window));
        const overlaps = qa.validFrom <= qb.validUntil && qb.validFrom <= qa.validUntil;
        expect(ab.length).toBe(overlaps && a.groupId === b.groupId && partyOf(qa) !== partyOf(qb) ? 1 : 0);
      }),
    );
  });
});
