import { describe, expect, it } from 'vitest';
import { byStatus, ratio, sumByCurrency } from './channel.js';

describe('ratio', () => {
  it('is a decimal string with four places, rounded half up, beside its counts', () => {
    expect(ratio(2, 3)).toEqual({ part: 2, whole: 3, rate: '0.6667' });
    expect(ratio(1, 3)).toEqual({ part: 1, whole: 3, rate: '0.3333' });
    expect(ratio(1, 8)).toEqual({ part: 1, whole: 8, rate: '0.1250' });
    // 1/16 = 0.0625 exactly; 1/32 = 0.03125 rounds half up to 0.0313
    expect(ratio(1, 32).rate).toBe('0.0313');
    expect(ratio(5, 5).rate).toBe('1.0000');
    expect(ratio(0, 7).rate).toBe('0.0000');
  });

  it('has no rate when there is nothing to divide by', () => {
    expect(ratio(0, 0)).toEqual({ part: 0, whole: 0, rate: null });
  });

  it('refuses what is not a share', () => {
    expect(() => ratio(3, 2)).toThrow(RangeError);
    expect(() => ratio(-1, 2)).toThrow(RangeError);
    expect(() => ratio(0.5, 2)).toThrow(RangeError);
  });
});

describe('byStatus', () => {
  it('names every submitted status, zero where none, and ignores drafts', () => {
    const counts = byStatus([
      { status: 'won', count: 2 },
      { status: 'rejected', count: 1 },
      { status: 'won', count: 1 },
      { status: 'draft', count: 9 },
    ]);
    expect(counts).toMatchObject({ won: 3, rejected: 1, approved: 0, submitted: 0 });
    expect(Object.keys(counts)).not.toContain('draft');
  });
});

describe('sumByCurrency', () => {
  it('adds minor units exactly past what a float holds, per currency in code order', () => {
    expect(
      sumByCurrency([
        { currency: 'USD', minor: '1' },
        { currency: 'CNY', minor: '9007199254740993' },
        { currency: 'CNY', minor: '1' },
        { currency: 'USD', minor: null },
      ]),
    ).toEqual([
      { currency: 'CNY', minor: 9007199254740994n },
      { currency: 'USD', minor: 1n },
    ]);
  });
});
