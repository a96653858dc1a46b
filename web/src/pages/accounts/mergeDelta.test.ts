import { describe, expect, it } from 'vitest';
import { deltaRows } from './mergeDelta.js';

describe('deltaRows', () => {
  it('lists gained items, filled fields and kept conflicts in that order', () => {
    expect(
      deltaRows({
        lists: {
          aliases: ['北京字节跳动科技有限公司'],
          phones: ['+861062123456', '+8613800138000'],
          tags: [],
        },
        filled: { website: 'bytedance.com' },
        conflicts: [{ field: 'city', kept: '北京', dropped: '上海' }],
      }),
    ).toEqual([
      { field: 'aliases', kind: 'gained', value: '北京字节跳动科技有限公司' },
      { field: 'phones', kind: 'gained', value: '+861062123456, +8613800138000' },
      { field: 'website', kind: 'filled', value: 'bytedance.com' },
      { field: 'city', kind: 'conflict', value: '北京', dropped: '上海' },
    ]);
  });

  it('has no rows for an empty or missing delta', () => {
    expect(deltaRows({ lists: {}, filled: {}, conflicts: [] })).toEqual([]);
    expect(deltaRows(null)).toEqual([]);
  });
});
