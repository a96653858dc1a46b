import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previousMonth, priorityVerdict, rankNeeded, rankStandings, windowEnds } from './priority.js';

const s = (userId: string, value: number) => ({ userId, value: BigInt(value) });

describe('priority ranking', () => {
  it('ranks by the measure, highest first, equal results sharing a rank (1224)', () => {
    const ranked = rankStandings([s('c', 5), s('a', 9), s('d', 5), s('b', 1)]);
    expect(ranked.map((r) => [r.userId, r.rank])).toEqual([
      ['a', 1],
      ['c', 2],
      ['d', 2],
      ['b', 4],
    ]);
  });

  it('gives the same ranks whatever order the members come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ userId: fc.uuid(), value: fc.bigInt({ min: 0n, max: 20n }) }), {
          selector: (x) => x.userId,
          maxLength: 30,
        }),
        (standings) => {
          const once = rankStandings(standings);
          const again = rankStandings([...standings].reverse());
          expect(again).toEqual(once);
          for (const r of once) {
            // A rank is one more than the number of members with strictly better results.
            expect(r.rank).toBe(1 + standings.filter((x) => x.value > r.value).length);
          }
        },
      ),
    );
  });

  it('lets tied members both qualify or neither', () => {
    const standings = [s('a', 9), s('b', 5), s('c', 5), s('d', 1)];
    const rule = { hours: 24, measure: 'won_count' as const, topN: 2, topPercent: null };
    expect(priorityVerdict(rule, standings, 'b')).toMatchObject({ qualifies: true, rank: 2, rankNeeded: 2 });
    expect(priorityVerdict(rule, standings, 'c')).toMatchObject({ qualifies: true, rank: 2 });
    expect(priorityVerdict(rule, standings, 'd')).toMatchObject({ qualifies: false, rank: 4, members: 4 });
    expect(priorityVerdict({ ...rule, topN: 1 }, standings, 'b').qualifies).toBe(false);
  });

  it('ranks a claimant with no results last among the members', () => {
    const rule = { hours: 24, measure: 'follow_ups' as const, topN: 1, topPercent: null };
    expect(priorityVerdict(rule, [s('a', 3)], 'z')).toMatchObject({
      qualifies: false,
      rank: 2,
      members: 2,
      value: 0n,
    });
  });

  it('turns a percentage into a rank, rounding up and never below 1', () => {
    expect(rankNeeded({ topN: null, topPercent: 20 }, 10)).toBe(2);
    expect(rankNeeded({ topN: null, topPercent: 20 }, 11)).toBe(3);
    expect(rankNeeded({ topN: null, topPercent: 1 }, 3)).toBe(1);
    expect(rankNeeded({ topN: 3, topPercent: null }, 100)).toBe(3);
  });

  it('takes last period as the previous calendar month where the organisation is', () => {
    // 2026-12-31 20:00 UTC is already 1 January 2027 in Shanghai.
    expect(previousMonth(new Date('2026-12-31T20:00:00Z'), 'Asia/Shanghai')).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(previousMonth(new Date('2026-12-31T20:00:00Z'), 'Europe/Berlin')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(previousMonth(new Date('2027-03-10T00:00:00Z'), 'UTC')).toEqual({
      from: '2027-02-01',
      to: '2027-02-28',
    });
  });

  it('opens no window when the pool has none', () => {
    expect(windowEnds({ hours: 0 }, '2026-11-01T00:00:00.000Z')).toBeNull();
    expect(windowEnds({ hours: 48 }, '2026-11-01T00:00:00.000Z')).toBe('2026-11-03T00:00:00.000Z');
  });
});
