import { describe, expect, it } from 'vitest';
import { blockingKeys, keyKind } from './keys.js';
import { normalizeRecord } from './normalize.js';
import { validUscc } from './testing.js';

const keys = (name: string, extra: Record<string, string> = {}) =>
  blockingKeys(normalizeRecord({ name, ...extra }));

describe('blockingKeys', () => {
  it('gives every way of writing a company a key in common', () => {
    const variants = [
      '字节跳动（北京）科技有限公司',
      '北京字节跳动科技',
      '北京字節跳動科技有限公司',
      'Beijing Zijie Tiaodong Technology Co., Ltd.',
      '字节跳动',
    ];
    for (const a of variants) {
      for (const b of variants)
        expect(
          keys(a).filter((k) => keys(b).includes(k)),
          `${a} / ${b}`,
        ).not.toEqual([]);
    }
  });

  it('keys contacts and identifiers by their normalised value', () => {
    const k = keys('华源', {
      phone: '138-1234-5678',
      email: 'Sales@Huayuan.com.cn',
      website: 'www.huayuan.com.cn',
      uscc: validUscc('110108', '551385082'),
    });
    expect(k).toEqual(
      expect.arrayContaining([
        'phone:+8613812345678',
        'email:sales@huayuan.com.cn',
        'domain:huayuan.com.cn',
        'uscc:91110108551385082Q',
        'py:huayuan',
        'trade:华源',
      ]),
    );
  });

  it('adds name-shingle bands only for names long enough to shingle', () => {
    expect(keys('北京字节跳动科技有限公司').filter((k) => keyKind(k) === 'shingle')).toHaveLength(4);
    expect(keys('华为').filter((k) => keyKind(k) === 'shingle')).toEqual([]);
  });

  it('tells bulk dedupe how to use each key', () => {
    expect(keyKind('phone:+8613812345678')).toBe('strong');
    expect(keyKind('pyq:beijing|字节跳动|科技')).toBe('strong');
    expect(keyKind('py:zijietiaodong')).toBe('name');
    expect(keyKind('trade:字节跳动')).toBe('name');
    expect(keyKind('lsh0:abc')).toBe('shingle');
  });
});
