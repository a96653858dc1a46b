import { describe, expect, it } from 'vitest';
import { badItems, isEmail, isPhone } from './fieldRules.js';

describe('the form checks the server also runs', () => {
  it('reads phones as the server does: mobiles and landlines with area code, not a bare number', () => {
    expect(isPhone('138 0013 8000')).toBe(true);
    expect(isPhone('+86 10 6212 3456')).toBe(true);
    expect(isPhone('010-62123456 转 801')).toBe(true);
    expect(isPhone('12345')).toBe(false);
    expect(isPhone('62123456')).toBe(false);
    expect(isPhone('call me')).toBe(false);
  });

  it('reads e-mails by zod’s rule', () => {
    expect(isEmail('chen.jing@example.cn')).toBe(true);
    expect(isEmail('chen@')).toBe(false);
    expect(isEmail('not-an-email')).toBe(false);
  });

  it('names the items of a list that are wrong, ignoring empty ones', () => {
    expect(badItems(['138 0013 8000', ' ', '12345', 'x'], isPhone)).toEqual(['12345', 'x']);
    expect(badItems([], isPhone)).toEqual([]);
  });
});
