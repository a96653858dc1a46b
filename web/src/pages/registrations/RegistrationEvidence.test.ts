import { describe, expect, it } from 'vitest';
import { registrationsEn } from '../../i18n/en.registrations.js';
import { registrationsZh } from '../../i18n/zh-CN.registrations.js';
import { registrationEvidenceKey } from './RegistrationEvidence.js';

describe('registration evidence texts', () => {
  it('say when an automatic approval came under the partner tier’s own limit, in both languages', () => {
    const key = registrationEvidenceKey('registration.auto_approve', { limitSource: 'tier', tier: 'gold' });
    expect(key).toBe('registration.auto_approve_tier');
    expect(registrationEvidenceKey('registration.auto_approve', { limitSource: 'organisation' })).toBe(
      'registration.auto_approve',
    );
    expect(registrationEvidenceKey('registration.review_required', { limitSource: 'tier' })).toBe(
      'registration.review_required',
    );
    for (const texts of [registrationsEn, registrationsZh])
      expect(Object.keys(texts.evidence)).toContain(key);
  });
});
