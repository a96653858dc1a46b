import { describe, expect, it } from 'vitest';
import { contributionText, reasonDetailText, scorePercent, type LooseT } from './reasonText.js';

// Shows which key was asked for and with what, so the tests check the parsing, not the wording.
const t: LooseT = (key, options) => `${key}${options ? ` ${JSON.stringify(options)}` : ''}`;

describe('reasonDetailText', () => {
  it('keeps plain compared values as they are', () => {
    expect(reasonDetailText(t, { field: 'name', detail: '字节跳动 / 字节跳动' })).toBe('字节跳动 / 字节跳动');
  });

  it('translates a shared value with its record count', () => {
    expect(reasonDetailText(t, { field: 'phone', detail: '+861062123456 shared by 2 records' })).toBe(
      'match.details.shared {"value":"+861062123456","count":2}',
    );
  });

  it('marks a region that came from the address', () => {
    expect(reasonDetailText(t, { field: 'region', detail: '北京 / 上海 (from address)' })).toBe(
      'match.details.fromAddress {"text":"北京 / 上海"}',
    );
  });

  it('reads the USCC registration province and the USCC problems', () => {
    expect(reasonDetailText(t, { field: 'region', detail: '北京 / USCC registered in 上海' })).toBe(
      'match.details.usccRegion {"region":"北京","province":"上海"}',
    );
    expect(reasonDetailText(t, { field: 'uscc', detail: '91110000802100433X fails check' })).toBe(
      'match.details.usccFails {"code":"91110000802100433X","problem":"match.usccProblems.check {\\"defaultValue\\":\\"check\\"}"}',
    );
  });

  it('explains a unique bare name with what it was found outside of', () => {
    expect(
      reasonDetailText(t, {
        field: 'name',
        detail: 'no other huayuan outside beijing outside 科技 in the list',
      }),
    ).toBe(
      'match.details.uniqueName {"name":"huayuan","outside":"match.details.outside {\\"value\\":\\"beijing\\"}, match.details.outside {\\"value\\":\\"科技\\"}"}',
    );
  });

  it('translates the branch rule', () => {
    expect(
      reasonDetailText(t, {
        field: 'branch',
        detail: 'a branch office and its parent are separate customers',
      }),
    ).toBe('match.details.branch');
  });
});

describe('numbers', () => {
  it('signs points and rounds scores to whole percentages', () => {
    expect(contributionText(4)).toBe('+4.0');
    expect(contributionText(-2.96)).toBe('−3.0');
    expect(contributionText(0)).toBe('0');
    expect(scorePercent(0.9234)).toBe('92%');
  });
});
