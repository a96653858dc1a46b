import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from './accounts.schema.js';
import { applyMerge, planMerge, revertMerge } from './merge.js';

const base: Account = {
  id: '00000000-0000-4000-8000-000000000001',
  legalName: '北京华源科技有限公司',
  aliases: ['华源'],
  englishName: null,
  uscc: null,
  usccValid: false,
  phones: ['+861062123456'],
  emails: [],
  website: 'huayuan.com',
  province: '北京市',
  city: null,
  district: null,
  street: null,
  industry: null,
  regionCode: null,
  regionSource: null,
  industryCode: null,
  industrySource: null,
  size: null,
  source: null,
  tags: ['vip'],
  parentId: null,
  isBranch: false,
  ownerId: null,
  partnerId: null,
  status: 'active',
  mergedInto: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('merge planning', () => {
  const other: Account = {
    ...base,
    id: '00000000-0000-4000-8000-000000000002',
    legalName: '华源科技(北京)有限公司',
    englishName: 'Huayuan Tech',
    aliases: ['华源'],
    phones: ['+8613812345678', '+861062123456'],
    website: 'huayuan.cn',
    city: '北京市',
    tags: ['key-account'],
  };

  it('keeps every value: lists unioned, names as aliases, blanks filled, conflicts recorded', () => {
    const delta = planMerge(base, other);
    expect(delta.lists).toEqual({
      aliases: ['华源科技(北京)有限公司', 'Huayuan Tech'],
      phones: ['+8613812345678'],
      tags: ['key-account'],
    });
    expect(delta.filled).toEqual({ englishName: 'Huayuan Tech', city: '北京市' });
    expect(delta.conflicts).toEqual([{ field: 'website', kept: 'huayuan.com', dropped: 'huayuan.cn' }]);
    const merged = applyMerge(base, delta);
    expect(merged.phones).toEqual(['+861062123456', '+8613812345678']);
  });

  it('un-merging restores the survivor exactly when nothing changed since', () => {
    const delta = planMerge(base, other);
    expect(revertMerge(applyMerge(base, delta), delta)).toEqual(base);
  });

  it('un-merging keeps later edits to the survivor', () => {
    const delta = planMerge(base, other);
    const edited = { ...applyMerge(base, delta), city: '上海市', tags: ['vip', 'key-account', 'new'] };
    const reverted = revertMerge(edited, delta);
    expect(reverted.city).toBe('上海市');
    expect(reverted.tags).toEqual(['vip', 'new']);
  });

  it('round-trips for any lists', () => {
    const list = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 5 });
    fc.assert(
      fc.property(list, list, list, list, (p1, p2, t1, t2) => {
        const a = { ...base, phones: p1, tags: t1 };
        const b = { ...other, phones: p2, tags: t2 };
        const delta = planMerge(a, b);
        const after = applyMerge(a, delta);
        expect(new Set(after.phones)).toEqual(new Set([...p1, ...p2]));
        expect(revertMerge(after, delta).phones).toEqual(p1);
      }),
    );
  });
});
