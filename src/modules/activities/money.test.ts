import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBasisPoints, fromMinor, lineTotal, minorDigits, toBasisPoints, toMinor } from './money.js';

describe('money at the edge', () => {
  it('reads decimal strings into minor units by the currency’s decimals', () => {
    expect(toMinor('12345.67', 'CNY')).toBe(1234567n);
    expect(toMinor('12345.6', 'CNY')).toBe(1234560n);
    expect(toMinor('0', 'CNY')).toBe(0n);
    expect(toMinor('1500', 'JPY')).toBe(1500n);
    expect(toMinor('0.1', 'USD')).toBe(10n);
    expect(minorDigits('JPY')).toBe(0);
  });

  it('refuses what it would have to guess at, naming the problem', () => {
    expect(toMinor('1.005', 'CNY')).toEqual({ problem: 'too_many_decimals' });
    expect(toMinor('1.5', 'JPY')).toEqual({ problem: 'too_many_decimals' });
    expect(toMinor('-3', 'CNY')).toEqual({ problem: 'negative' });
    expect(toMinor('1e3', 'CNY')).toEqual({ problem: 'invalid_amount' });
    expect(toMinor('12,00', 'CNY')).toEqual({ problem: 'invalid_amount' });
    expect(toMinor('1', 'XXQ')).toEqual({ problem: 'unknown_currency' });
    expect(toMinor('999999999999999', 'CNY')).toEqual({ problem: 'too_big' });
  });

  it('writes back exactly what it read', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (minor) => {
        const text = fromMinor(minor, 'CNY');
        expect(text).toMatch(/^\d+\.\d\d$/);
        expect(toMinor(text, 'CNY')).toBe(minor);
      }),
    );
    expect(fromMinor('1234567', 'CNY')).toBe('12345.67');
    expect(fromMinor(1500n, 'JPY')).toBe('1500');
  });

  it('reads discounts as basis points', () => {
    expect(toBasisPoints('12.5')).toBe(1250);
    expect(toBasisPoints('0')).toBe(0);
    expect(toBasisPoints('100')).toBe(10000);
    expect(toBasisPoints('12.345')).toEqual({ problem: 'too_many_decimals' });
    expect(toBasisPoints('101')).toEqual({ problem: 'invalid_amount' });
    expect(fromBasisPoints(1250)).toBe('12.5');
  });

  it('totals a line in integers, rounding half up once', () => {
    expect(lineTotal(3, 1999n, 0)).toBe(5997n);
    // 3 × 19.99 less 10 % = 53.973 → 53.97
    expect(lineTotal(3, 1999n, 1000)).toBe(5397n);
    // 1 × 0.05 less 50 % = 0.025 → 0.03 (half up)
    expect(lineTotal(1, 5n, 5000)).toBe(3n);
    expect(lineTotal(7, 100n, 10000)).toBe(0n);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 10_000 }),
        (q, price, bp) => {
          const total = lineTotal(q, price, bp);
          const exact = BigInt(q) * price * BigInt(10_000 - bp);
          // Within half a minor unit of the exact value, never above the undiscounted amount.
          expect(total * 10_000n - exact).toBeLessThanOrEqual(5_000n);
          expect(exact - total * 10_000n).toBeLessThan(5_000n);
          expect(total).toBeLessThanOrEqual(BigInt(q) * price);
        },
      ),
    );
  });
});
