import { describe, expect, it } from 'vitest';
import { formatPhone, formatPhones } from './phone-format.js';

describe('phones as people read them', () => {
  it('writes mobiles in groups and landlines with their area code and a dash', () => {
    expect(formatPhone('+8613812345678')).toBe('138 1234 5678');
    expect(formatPhone('+861062345678')).toBe('010-6234 5678');
    expect(formatPhone('+862161234567')).toBe('021-6123 4567');
    expect(formatPhones(['+8613812345678', '+861062345678'])).toBe('138 1234 5678, 010-6234 5678');
  });

  it('writes other countries internationally and leaves what is no number as stored', () => {
    expect(formatPhone('+85221234567')).toBe('+852 2123 4567');
    expect(formatPhone('+14155552671')).toBe('+1 415 555 2671');
    expect(formatPhone('not a phone')).toBe('not a phone');
  });
});
