import { describe, expect, it } from 'vitest';
import { pickLanguage } from './language.js';

describe('pickLanguage', () => {
  it('prefers the saved choice over the browser', () => {
    expect(pickLanguage('en', ['zh-CN'])).toBe('en');
    expect(pickLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('ignores a saved value that is not a language we have', () => {
    expect(pickLanguage('fr', ['zh-CN'])).toBe('zh-CN');
  });

  it('serves any Chinese variant in zh-CN', () => {
    expect(pickLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(null, ['zh'])).toBe('zh-CN');
  });

  it('takes the first browser language it can serve', () => {
    expect(pickLanguage(null, ['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLanguage(undefined, [])).toBe('en');
    expect(pickLanguage(null, ['de-DE'])).toBe('en');
  });
});
