import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordInput } from './normalize.js';
import { normalizeRecord } from './normalize.js';
import type { ScoreOptions } from './score.js';
import { scorePair } from './score.js';
import { companyRecord, populationFrequency, validUscc } from './testing.js';

const compare = (a: RecordInput | string, b: RecordInput | string, options?: ScoreOptions) =>
  scorePair(
    normalizeRecord(typeof a === 'string' ? { name: a } : a),
    normalizeRecord(typeof b === 'string' ? { name: b } : b),
    options,
  );

describe('scorePair', () => {
  it('finds ByteDance Beijing however it is written', () => {
    const names = [
      '字节跳动（北京）科技有限公司',
      '北京字节跳动科技',
      '北京字節跳動科技有限公司',
      'Beijing Zijie Tiaodong Technology Co., Ltd.',
      '北京字节跳动科技有线公司',
      '【北京】字节跳动科技有限公司',
    ];
    for (const a of names) for (const b of names) expect(compare(a, b).verdict, `${a} / ${b}`).toBe('same');
  });

  it('treats a phone written three ways as one phone', () => {
    const a = { name: '华源', phone: '+86 138 1234 5678' };
    const result = compare(a, { name: '鸿雀', phone: '138-1234-5678' });
    expect(result.reasons).toContainEqual({
      code: 'phone.shared',
      params: { value: '+8613812345678', holders: 2 },
      points: 4,
    });
  });

  it('keeps the same trade name in two cities apart when nothing else ties them', () => {
    const result = compare('北京华源科技有限公司', '上海华源科技有限公司');
    expect(result.verdict).toBe('different');
    expect(result.reasons).toContainEqual({
      code: 'region.conflict',
      params: { a: '北京', b: '上海', fromAddress: false },
      points: -5,
    });
  });

  it('weighs a shared phone by how many records carry it', () => {
    const a = { name: '北京华源科技有限公司', phone: '400-810-8888' };
    const b = { name: '北京鸿雀贸易有限公司', phone: '400-810-8888' };
    const others = Array.from({ length: 48 }, (_, i) => ({
      name: `客户${i}有限公司`,
      phone: '400-810-8888',
    }));
    const rare = compare(a, b, { frequency: populationFrequency([a, b]) });
    const hotline = compare(a, b, { frequency: populationFrequency([a, b, ...others]) });
    const phonePoints = (r: typeof rare) => r.reasons.find((x) => x.code === 'phone.shared')?.points ?? 0;
    expect(phonePoints(rare)).toBeGreaterThan(phonePoints(hotline) * 10);
    expect(rare.verdict).toBe('possible');
    expect(hotline.verdict).toBe('different');
  });

  it('ties a brand to its company by a rare phone, unless another company in the list goes by it', () => {
    const company = { name: '北京字节跳动科技有限公司', phone: '138 1234 5678' };
    const brand = { name: '抖音', phone: '13812345678' };
    const alone = compare(brand, company, { frequency: populationFrequency([brand, company]) });
    expect(alone.verdict).toBe('same');
    expect(alone.reasons).toContainEqual({ code: 'name.unclaimed', params: { name: '抖音' }, points: 1.5 });
    // 抖音 is also written out as a company of its own: the phone alone no longer says whose it is.
    const other = { name: '上海抖音信息服务有限公司' };
    const taken = compare(brand, company, { frequency: populationFrequency([brand, company, other]) });
    expect(taken.verdict).not.toBe('same');
    expect(taken.reasons).toContainEqual({ code: 'name.claimed', params: { name: '抖音' }, points: -2 });
  });

  it('treats a name with region and industry words as a company name even without its legal form', () => {
    // Two companies of one owner: the phone is shared, the names are two.
    const a = { name: '成都嘉得宝教育科技有限公司', phone: '15348232301' };
    const b = { name: '成都酷尔乐投资管理', phone: '15348232301' };
    const result = compare(a, b, { frequency: populationFrequency([a, b]) });
    expect(result.verdict).not.toBe('same');
    expect(result.reasons).toContainEqual({
      code: 'name.different',
      params: { a: '嘉得宝', b: '酷尔乐' },
      points: -3,
    });
  });

  it('calls one valid USCC the same company, unless the names clearly differ', () => {
    const uscc = validUscc('110108', '551385082');
    expect(compare({ name: '北京字节跳动科技有限公司', uscc }, { name: '抖音', uscc }).verdict).toBe('same');
    expect(
      compare({ name: '北京字节跳动科技有限公司', uscc }, { name: '上海华源贸易有限公司', uscc }).verdict,
    ).toBe('possible');
  });

  it('calls two different valid USCCs different companies, and ignores invalid ones', () => {
    const a = { name: '北京字节跳动科技有限公司', uscc: validUscc('110108', '551385082') };
    expect(compare(a, { ...a, uscc: validUscc('110108', '551385083') }).verdict).toBe('different');
    const broken = compare(a, { ...a, uscc: '91110108551385082R' });
    expect(broken.verdict).toBe('same');
    expect(broken.reasons).toContainEqual({
      code: 'uscc.ignored',
      params: { uscc: '91110108551385082R', problem: 'check' },
    });
  });

  it('calls a branch and its parent possible, with the reason', () => {
    const result = compare('深圳市腾讯计算机系统有限公司', '深圳市腾讯计算机系统有限公司北京分公司');
    expect(result.verdict).toBe('possible');
    expect(result.reasons).toContainEqual({ code: 'branch.mismatch', params: {} });
    expect(compare('腾讯计算机系统有限公司北京分公司', '腾讯计算机系统有限公司上海分公司').verdict).toBe(
      'different',
    );
  });

  it('does not let a bare name stand for one of several same-named companies', () => {
    const bare = '华源';
    const beijing = '北京华源科技有限公司';
    expect(
      compare(bare, beijing, { frequency: populationFrequency([bare, beijing].map((name) => ({ name }))) })
        .verdict,
    ).toBe('same');
    const crowded = [bare, beijing, '上海华源科技有限公司'].map((name) => ({ name }));
    expect(compare(bare, beijing, { frequency: populationFrequency(crowded) }).verdict).toBe('possible');
    // 华源科技 cannot be 上海华源贸易, so that one does not make it ambiguous.
    const trading = ['华源科技', beijing, '上海华源贸易有限公司'].map((name) => ({ name }));
    expect(compare('华源科技', beijing, { frequency: populationFrequency(trading) }).verdict).toBe('same');
  });

  it('honours configured thresholds', () => {
    const result = compare('北京华源科技有限公司', '北京华源科技', {
      thresholds: { same: 0.99, possible: 0.5 },
    });
    expect(result.verdict).toBe('possible');
    expect(() => compare('a', 'b', { thresholds: { same: 0.5, possible: 0.6 } })).toThrow(RangeError);
  });

  it('matches every record with itself', () => {
    fc.assert(
      fc.property(companyRecord, (record) => {
        expect(compare(record, record).verdict).toBe('same');
      }),
    );
  });

  it('scores the same in both directions', () => {
    const frequency = fc.func(fc.integer({ min: 1, max: 60 }));
    fc.assert(
      fc.property(companyRecord, companyRecord, frequency, (a, b, f) => {
        const forward = compare(a, b, { frequency: f });
        const backward = compare(b, a, { frequency: f });
        expect(backward.score).toBe(forward.score);
        expect(backward.verdict).toBe(forward.verdict);
      }),
      { numRuns: 300 },
    );
  });
});
