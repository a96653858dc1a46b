import { describe, expect, it } from 'vitest';
import { csvField, neutralizeCell } from './spreadsheet.js';

describe('cells of files people open in a spreadsheet', () => {
  it('writes anything a spreadsheet would run as text', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '@SUM(1+1)', '+1+1', '-2+3', '\t=1', '\r=1'])
      expect(neutralizeCell(formula)).toBe(`'${formula}`);
    expect(csvField('=1+2,3')).toBe(`"'=1+2,3"`);
  });

  it('leaves ordinary text alone and quotes what RFC 4180 needs quoted', () => {
    expect(csvField('字节跳动')).toBe('字节跳动');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });
});
