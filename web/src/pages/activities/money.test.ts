import { describe, expect, it } from 'vitest';
import { formatAmount } from './money.js';

describe('formatAmount', () => {
  it('groups digits without passing the amount through a float', () => {
    expect(formatAmount('12345678901234.56', 'CNY', 'en')).toBe('12,345,678,901,234.56 CNY');
    expect(formatAmount('1500', 'JPY', 'zh-CN')).toBe('1,500 JPY');
    expect(formatAmount('0.05', 'USD', 'en')).toBe('0.05 USD');
  });
});
