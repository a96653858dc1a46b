import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PROBLEM_CODES } from '../../../../src/kernel/audit-chain.js';
import { loose } from '../../i18n/errorText.js';
import { ENGLISH_WORD, loadTranslators, TEST_LANGUAGES } from '../../i18n/testing.js';
import { problemPlace } from './auditReport.js';

let t: Record<'en' | 'zh-CN', TFunction>;
beforeAll(async () => {
  t = await loadTranslators();
});

describe('the audit report in words', () => {
  it('says every problem the verifier can find, in both languages', () => {
    for (const lng of TEST_LANGUAGES) {
      const texts = AUDIT_PROBLEM_CODES.map((code) => loose(t[lng])(`audit.report.codes.${code}`));
      expect(new Set(texts).size, lng).toBe(AUDIT_PROBLEM_CODES.length);
      for (const text of texts) {
        expect(text).not.toContain('audit.report');
        if (lng === 'zh-CN') expect(text).not.toMatch(ENGLISH_WORD);
      }
    }
  });

  it('places a problem by what the report names: position, entry, checkpoint', () => {
    expect(problemPlace(t.en, { code: 'row_changed', seq: '17', auditId: 'a1' })).toBe(
      'position 17 · entry a1',
    );
    expect(problemPlace(t['zh-CN'], { code: 'checkpoint_beyond_chain', checkpointId: 'c9', seq: '40' })).toBe(
      '第 40 位 · 检查点 c9',
    );
    expect(problemPlace(t.en, { code: 'no_trusted_key' })).toBe('');
  });
});
