import { describe, expect, it } from 'vitest';
import { EVIDENCE_CODES } from './evidence.js';
import { evidenceText } from './evidence-text.js';
import { evidenceExamples } from './testing.js';

describe('match evidence', () => {
  it('is said by the scorer for every code in the list (the list holds no dead codes)', () => {
    expect(evidenceExamples().map((e) => e.code)).toEqual([...EVIDENCE_CODES]);
  });

  it('has an English phrase for every code, with every parameter written out', () => {
    for (const evidence of evidenceExamples()) {
      const text = evidenceText(evidence);
      expect(text, evidence.code).not.toMatch(/undefined|null|NaN|\[object/);
      for (const value of Object.values(evidence.params)) {
        if (typeof value === 'string') expect(text, evidence.code).toContain(value);
      }
    }
  });

  it('carries values and counts as parameters, never as sentences', () => {
    const byCode = Object.fromEntries(evidenceExamples().map((e) => [e.code, e]));
    expect(byCode['name.unique']).toEqual({
      code: 'name.unique',
      params: { name: '华源', industry: '科技', region: '北京' },
      points: 1.5,
    });
    expect(byCode['region.equal']).toMatchObject({ params: { a: '北京', b: '北京', fromAddress: true } });
    expect(byCode['region.uscc_province_conflict']).toMatchObject({
      params: { region: '上海', province: '北京' },
      points: -3,
    });
    expect(byCode['email.shared']).toMatchObject({ params: { value: 'sales@huayuan.com.cn', holders: 2 } });
    expect(byCode['uscc.conflict']).not.toHaveProperty('points');
    expect(byCode['branch.mismatch']).toEqual({ code: 'branch.mismatch', params: {} });
  });

  it('writes points after the phrase only when weighed', () => {
    expect(evidenceText({ code: 'phone.none_shared', params: {}, points: -0.5 })).toBe(
      'no phone number in common (-0.5)',
    );
    expect(evidenceText({ code: 'uscc.conflict', params: { a: 'X', b: 'Y' } })).toBe('different USCCs X / Y');
  });
});
