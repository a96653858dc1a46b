import { describe, expect, it } from 'vitest';
import { normalizePhone, normalizePhones } from './phone.js';

describe('normalizePhone', () => {
  it('writes Chinese mobiles in E.164 whatever the format', () => {
    for (const input of [
      '+86 138 1234 5678',
      '138-1234-5678',
      '13812345678',
      '0086 13812345678',
      '+86-13812345678',
      '１３８１２３４５６７８',
    ]) {
      expect(normalizePhone(input).e164).toBe('+8613812345678');
    }
  });

  it('keeps landline area codes and drops extensions', () => {
    expect(normalizePhone('010-6212 3456').e164).toBe('+861062123456');
    expect(normalizePhone('(010)62123456').e164).toBe('+861062123456');
    expect(normalizePhone('0755 8888 8888').e164).toBe('+8675588888888');
    expect(normalizePhone('021-58881234转8001').e164).toBe('+862158881234');
    expect(normalizePhone('010-62123456 ext. 12').e164).toBe('+861062123456');
    expect(normalizePhone('010-62123456-801').e164).toBe('+861062123456');
    expect(normalizePhone('+86 10 6212 3456').e164).toBe('+861062123456');
    expect(normalizePhone('400-810-8888').e164).toBe('+864008108888');
  });

  it('reads foreign numbers given with their country code', () => {
    expect(normalizePhone('+1 650 253 0000').e164).toBe('+16502530000');
    expect(normalizePhone('+44 20 7946 0958').e164).toBe('+442079460958');
  });

  it('reports what it cannot use instead of guessing', () => {
    expect(normalizePhone('62123456')).toMatchObject({ e164: null, problem: 'no_area_code' });
    expect(normalizePhone('95588')).toMatchObject({ e164: null, problem: 'service_number' });
    expect(normalizePhone('14012345678')).toMatchObject({ e164: null, problem: 'invalid' });
    expect(normalizePhone('n/a')).toMatchObject({ e164: null, problem: 'empty' });
  });
});

describe('normalizePhones', () => {
  it('splits a cell holding several numbers and removes repeats', () => {
    expect(normalizePhones('010-62123456 / 138 1234 5678；13812345678')).toEqual({
      phones: ['+861062123456', '+8613812345678'],
      problems: [],
    });
    expect(normalizePhones(['13812345678', '62123456'])).toEqual({
      phones: ['+8613812345678'],
      problems: [{ input: '62123456', problem: 'no_area_code' }],
    });
    expect(normalizePhones(null)).toEqual({ phones: [], problems: [] });
  });
});
