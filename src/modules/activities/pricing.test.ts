import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlappingPrice, pickPrice, type PriceEntry } from './pricing.js';

const entry = (over: Partial<PriceEntry>): PriceEntry => ({
  id: crypto.randomUUID(),
  tierCode: null,
  currency: 'CNY',
  priceMinor: '10000',
  validFrom: '2026-01-01',
  validUntil: '2026-06-30',
  ...over,
});

describe('price lists', () => {
  const list = entry({});
  const later = entry({ validFrom: '2026-07-01', validUntil: null, priceMinor: '12000' });
  const gold = entry({ tierCode: 'gold', priceMinor: '9000' });
  const usd = entry({ currency: 'USD', priceMinor: '1500' });
  const all = [list, later, gold, usd];

  it('prices by the date: the entry whose span holds it', () => {
    expect(pickPrice(all, { currency: 'CNY', date: '2026-06-30' })?.entry).toBe(list);
    expect(pickPrice(all, { currency: 'CNY', date: '2026-07-01' })?.entry).toBe(later);
    expect(pickPrice(all, { currency: 'CNY', date: '2025-12-31' })).toBeNull();
    expect(pickPrice(all, { currency: 'EUR', date: '2026-03-01' })).toBeNull();
  });

  it('lets a tier’s price win over the list price where it holds, and falls back to the list price', () => {
    expect(pickPrice(all, { currency: 'CNY', date: '2026-03-01', tierCode: 'gold' })).toEqual({
      entry: gold,
      source: 'tier',
    });
    expect(pickPrice(all, { currency: 'CNY', date: '2026-08-01', tierCode: 'gold' })).toEqual({
      entry: later,
      source: 'list',
    });
    expect(pickPrice(all, { currency: 'CNY', date: '2026-03-01', tierCode: 'silver' })?.source).toBe('list');
  });

  it('finds an overlap only within one currency and tier', () => {
    expect(overlappingPrice(all, { ...entry({ validFrom: '2026-06-30', validUntil: '2026-06-30' }) })).toBe(
      list,
    );
    expect(
      overlappingPrice([list], { ...entry({ validFrom: '2026-07-01', validUntil: null }) }),
    ).toBeUndefined();
    expect(overlappingPrice(all, entry({ tierCode: 'silver' }))).toBeUndefined();
    expect(overlappingPrice(all, entry({ currency: 'EUR' }))).toBeUndefined();
  });

  it('never holds two entries of one currency and tier on one date once overlaps are refused', () => {
    const day = fc
      .integer({ min: 0, max: 40 })
      .map((n) => `2026-02-${String(1 + (n % 28)).padStart(2, '0')}`);
    const span = fc
      .tuple(day, fc.option(day))
      .map(([a, b]) => (b === null ? [a, null] : a <= b ? [a, b] : [b, a]) as [string, string | null]);
    fc.assert(
      fc.property(fc.array(span, { maxLength: 10 }), day, (spans, date) => {
        const kept: PriceEntry[] = [];
        for (const [validFrom, validUntil] of spans) {
          const candidate = entry({ validFrom, validUntil });
          if (!overlappingPrice(kept, candidate)) kept.push(candidate);
        }
        const holding = kept.filter(
          (e) => e.validFrom <= date && (e.validUntil === null || date <= e.validUntil),
        );
        expect(holding.length).toBeLessThanOrEqual(1);
        expect(pickPrice(kept, { currency: 'CNY', date })?.entry).toBe(holding[0]);
      }),
    );
  });
});
