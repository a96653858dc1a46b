import { describe, expect, it } from 'vitest';
import { localDate, previousMonth } from './dates.js';

describe('organisation-local dates', () => {
  it('turns the day at the organisation’s midnight, not at UTC’s', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(localDate(new Date('2026-11-29T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-30');
    expect(localDate(new Date('2026-11-29T16:30:00Z'), 'Europe/Berlin')).toBe('2026-11-29');
  });

  it('names the previous calendar month, across a year', () => {
    expect(previousMonth('2026-11-29')).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(previousMonth('2027-01-01')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });
});
