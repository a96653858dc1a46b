import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTranslators } from '../../i18n/testing.js';
import { auditDiff } from './auditDiff.js';
import { fieldLabel, valueText, type ValueContext } from './auditValues.js';

let t: Record<'en' | 'zh-CN', TFunction>;
beforeAll(async () => {
  t = await loadTranslators();
});

const OWNER = '0b7c6a52-8f1e-4c55-9d2a-3f1c2b4d5e6f';
const HIDDEN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('auditDiff', () => {
  it('lists only the fields that changed, without ids and timestamps of the row', () => {
    const before = {
      id: 'x',
      legalName: '兰州黄河啤酒',
      phones: ['+8613812345678'],
      updatedAt: 'a',
      tags: [],
    };
    const after = { id: 'x', legalName: '兰州黄河啤酒有限公司', phones: ['+8613812345678'], updatedAt: 'b' };
    expect(auditDiff(before, after)).toEqual([
      { path: ['legalName'], before: '兰州黄河啤酒', after: '兰州黄河啤酒有限公司' },
    ]);
  });

  it('lists every field a new record has, and opens nested states', () => {
    expect(auditDiff(null, { name: '华东', parentId: null })).toEqual([
      { path: ['name'], before: undefined, after: '华东' },
    ]);
    expect(auditDiff({ survivor: { city: null } }, { survivor: { city: '杭州' }, mergeId: 'm' })).toEqual([
      { path: ['survivor', 'city'], before: null, after: '杭州' },
      { path: ['mergeId'], before: undefined, after: 'm' },
    ]);
  });
});

describe('values as people read them', () => {
  const ctx = (lng: 'en' | 'zh-CN', entityType = 'user'): ValueContext => ({
    t: t[lng],
    language: lng,
    timeZone: 'Asia/Shanghai',
    refs: { [OWNER]: '王小明' },
    entityType,
  });

  it('names fields and codes in the reader’s language', () => {
    expect(fieldLabel(t['zh-CN'], ['survivor', 'legalName'])).toBe('保留的客户 · 客户名称');
    expect(fieldLabel(t.en, ['mustChangePassword'])).toBe('Must change password');
    expect(valueText(ctx('zh-CN'), ['role'], 'sales_ops')).not.toContain('sales_ops');
    expect(valueText(ctx('en', 'account'), ['status'], 'archived')).toBe('Archived');
    expect(valueText(ctx('en', 'import'), ['outcome'], 'needs_review')).toBe('Needs review');
    expect(valueText(ctx('zh-CN'), ['mustChangePassword'], true)).toBe('是');
    expect(valueText(ctx('en'), ['otherSessionsEnded'], false)).toBe('No');
  });

  it('shows phones in national format, names for ids, local times, and no raw JSON', () => {
    expect(valueText(ctx('en', 'account'), ['phones'], ['+8613812345678', '+861062345678'])).toBe(
      '138 1234 5678, 010-6234 5678',
    );
    expect(valueText(ctx('en'), ['ownerId'], OWNER)).toBe('王小明');
    expect(valueText(ctx('en'), ['ownerId'], HIDDEN)).not.toContain(HIDDEN);
    expect(valueText(ctx('en'), ['revokedAt'], '2026-11-28T16:30:00.000Z')).toMatch(/Nov 29, 2026.*12:30/);
    const contacts = valueText(
      ctx('zh-CN', 'account'),
      ['contacts'],
      [{ id: 'c', name: '张三' }, { name: '李四' }],
    );
    expect(contacts).toBe('张三、李四');
    const conflict = valueText(
      ctx('en', 'account'),
      ['delta', 'conflicts'],
      [{ field: 'website', kept: 'a.com', dropped: 'b.com' }],
    );
    expect(conflict).toBe('Field: Website; Kept: a.com; Dropped: b.com');
    expect(conflict).not.toMatch(/[{}"]/);
  });
});
