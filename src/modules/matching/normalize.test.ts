import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRecord } from './normalize.js';
import { companyRecord, validUscc } from './testing.js';

describe('normalizeRecord', () => {
  it('turns a record into comparable features', () => {
    const f = normalizeRecord({
      name: '字节跳动（北京）科技有限公司',
      phone: '+86 138 1234 5678 / 010-6212 3456',
      email: 'Info@ByteDance.com; zhangwei@qq.com',
      website: 'https://www.bytedance.com',
      uscc: validUscc('110108', '551385082'),
    });
    expect(f).toMatchObject({
      nameKey: '字节跳动科技',
      tradeName: '字节跳动',
      tradePinyin: 'zijietiaodong',
      industry: '科技',
      legalForm: '有限公司',
      isBranch: false,
      phones: ['+8613812345678', '+861062123456'],
      emails: ['info@bytedance.com', 'zhangwei@qq.com'],
      domains: ['bytedance.com'],
      uscc: '91110108551385082Q',
      usccProblem: null,
      usccProvince: '北京',
    });
    expect(f.region?.name).toBe('北京');
  });

  it('never uses free-mail domains or invalid USCCs as evidence, and says why', () => {
    const f = normalizeRecord({
      name: '华源',
      email: 'huayuan@163.com',
      uscc: '914403001922038217',
      phone: '62123456',
    });
    expect(f.domains).toEqual([]);
    expect(f.emails).toEqual(['huayuan@163.com']);
    expect(f.uscc).toBeNull();
    expect(f.usccProblem).toEqual({ code: '914403001922038217', problem: 'check' });
    expect(f.problems).toEqual([
      { field: 'phone', value: '62123456', problem: 'no_area_code' },
      { field: 'uscc', value: '914403001922038217', problem: 'check' },
    ]);
  });

  it('takes the region from the address when the name has none, but not for a branch', () => {
    expect(
      normalizeRecord({ name: '华源科技有限公司', address: '上海市浦东新区世纪大道100号' }),
    ).toMatchObject({
      regionSource: 'address',
    });
    expect(normalizeRecord({ name: '华源科技有限公司', address: '上海市浦东新区' }).region?.name).toBe(
      '上海',
    );
    expect(
      normalizeRecord({ name: '华源科技有限公司北京分公司', address: '北京市海淀区' }).region,
    ).toBeNull();
  });

  it('changes nothing when a record is normalised twice (its features fed back in)', () => {
    fc.assert(
      fc.property(companyRecord, (record) => {
        const once = normalizeRecord(record);
        const again = normalizeRecord({
          name: record.name,
          phone: [...once.phones],
          email: [...once.emails],
          website: once.domains.filter((d) => !once.emails.some((e) => e.endsWith(`@${d}`))),
          uscc: once.uscc ?? once.usccProblem?.code ?? null,
          address: record.address ?? null,
        });
        // Values that could not be used are gone the second time, and so are their problems.
        const kept = once.problems.filter((p) => p.field === 'uscc' || p.field === 'name');
        expect({ ...again, problems: [] }).toEqual({ ...once, problems: [] });
        expect(again.problems).toEqual(kept);
      }),
    );
  });
});
