import { describe, expect, it } from 'vitest';
import { storableText, unstorableAt } from './storable-text.js';

describe('storable text', () => {
  it('finds NUL and surrogates without a partner, and keeps characters outside the BMP', () => {
    expect(unstorableAt('北京\u0000公司')).toBe(2);
    expect(unstorableAt('a\ud800b')).toBe(1);
    expect(unstorableAt('a\udc00')).toBe(1);
    expect(unstorableAt('\ud800')).toBe(0);
    expect(unstorableAt('𠀋 and 😀')).toBe(-1);
    expect(unstorableAt('tab\tand\r\nbreaks')).toBe(-1);
  });

  it('replaces each unstorable character with U+FFFD and leaves other text alone', () => {
    expect(storableText('a\u0000b\u0000')).toBe('a\ufffdb\ufffd');
    expect(storableText('\udc00\ud800😀')).toBe('\ufffd\ufffd😀');
    const clean = '臺灣資訊科技股份有限公司';
    expect(storableText(clean)).toBe(clean);
  });
});
