import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, type Deadline } from '../../api/types.js';
import { ENGLISH_WORD, loadTranslators } from '../../i18n/testing.js';
import { daysLeftText, deadlineText, deadlineUrgent } from './deadlineText.js';
import { noticeText } from './noticeText.js';

let tr: Record<'en' | 'zh-CN', TFunction>;
beforeAll(async () => {
  tr = await loadTranslators();
});

const deadline = (over: Partial<Deadline> = {}): Deadline => ({
  endsAt: '2027-02-03T16:00:00.000Z',
  returnsOn: '2027-02-04',
  poolId: '00000000-0000-4000-8000-000000000001',
  poolName: '华南公海',
  ruleId: '00000000-0000-4000-8000-000000000002',
  ruleName: '30 天无跟进',
  trigger: 'no_follow_up',
  days: 30,
  anchor: '2027-01-05T02:00:00.000Z',
  anchorKind: 'claim',
  expired: false,
  daysLeft: 10,
  ...over,
});

describe('deadlineText', () => {
  it('reads plainly in both languages, by trigger', () => {
    expect(deadlineText(tr.en, deadline())).toBe(
      'Returns to 华南公海 on 2027-02-04 unless a follow-up is logged',
    );
    expect(deadlineText(tr['zh-CN'], deadline())).toBe('若无跟进，将于 2027-02-04 退回华南公海');
    expect(deadlineText(tr.en, deadline({ trigger: 'not_won' }))).toContain('unless it is won');
    expect(deadlineText(tr['zh-CN'], deadline({ trigger: 'no_opportunity' }))).toBe(
      '若无商机，将于 2027-02-04 退回华南公海',
    );
  });

  it('says when it is past, and names "the pool" when the pool is hidden', () => {
    expect(deadlineText(tr.en, deadline({ expired: true, daysLeft: -1 }))).toContain(
      'Overdue since 2027-02-04',
    );
    expect(deadlineText(tr['zh-CN'], deadline({ poolName: null }))).toBe(
      '若无跟进，将于 2027-02-04 退回公海',
    );
  });

  it('counts the days and flags the close ones', () => {
    expect(daysLeftText(tr.en, deadline({ daysLeft: 1 }))).toBe('1 day left');
    expect(daysLeftText(tr['zh-CN'], deadline({ daysLeft: 5 }))).toBe('剩 5 天');
    expect(daysLeftText(tr.en, deadline({ daysLeft: 0 }))).toBe('Returns today');
    expect(deadlineUrgent(deadline({ daysLeft: 3 }))).toBe(false);
    expect(deadlineUrgent(deadline({ daysLeft: 2 }))).toBe(true);
    expect(deadlineUrgent(deadline({ expired: true, daysLeft: 0 }))).toBe(true);
  });
});

describe('noticeText', () => {
  const params = { returnsOn: '2027-02-04', daysLeft: 3, poolName: '华南公海', note: '交接', count: 2 };
  it('has a sentence for every kind, with its parameters, and no English in Chinese', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const en = noticeText(tr.en, { kind, params });
      const zh = noticeText(tr['zh-CN'], { kind, params });
      expect(en).not.toContain('{{');
      expect(zh).not.toContain('{{');
      expect(zh.replace(/\d{4}-\d{2}-\d{2}/g, ''), kind).not.toMatch(ENGLISH_WORD);
    }
    expect(noticeText(tr.en, { kind: 'ownership.reminder', params })).toContain('2027-02-04');
    expect(noticeText(tr['zh-CN'], { kind: 'ownership.recovered', params })).toContain('华南公海');
  });

  it('says a registration’s refusal in the reader’s language, amounts exact, with nobody named', () => {
    const refused = {
      kind: 'registration.rejected',
      params: {
        deal: '云帆项目',
        customer: '杭州云帆科技有限公司',
        code: 'BELOW_MINIMUM',
        until: null,
        refusal: { minimumMinor: '100005', currency: 'CNY' },
      },
    };
    expect(noticeText(tr.en, refused)).toBe(
      'Your registration “云帆项目” (杭州云帆科技有限公司) was refused: Below the minimum deal size (1000.05 CNY).',
    );
    expect(noticeText(tr['zh-CN'], refused)).toContain('低于最低商机金额（1000.05 CNY）');
    const protectedUntil = {
      ...refused,
      params: { ...refused.params, code: 'PROTECTED_UNTIL', until: '2027-03-01' },
    };
    expect(noticeText(tr['zh-CN'], protectedUntil)).toContain('保护至 2027-03-01');
    const warned = {
      kind: 'registration.expiring',
      params: { deal: 'D', customer: 'C', until: '2027-03-01', daysLeft: 3 },
    };
    expect(noticeText(tr.en, warned)).toBe('The protection of “D” (C) ends on 2027-03-01 (3 days left).');
    const extended = {
      kind: 'registration.extension_decided',
      params: { deal: 'D', days: 10, approved: true, until: '2027-03-11', reason: 'ok' },
    };
    expect(noticeText(tr['zh-CN'], extended)).toContain('已获批准');
    expect(noticeText(tr.en, { ...extended, params: { ...extended.params, approved: false } })).toContain(
      'declined',
    );
  });

  it('names an unknown kind rather than failing', () => {
    expect(noticeText(tr.en, { kind: 'something.new', params: {} })).toContain('something.new');
  });
});
