import { describe, expect, it } from 'vitest';
import { checkTransition, mayAct, TRANSITIONS } from './lifecycle.js';
import { PARTNER_STATUSES } from './partners.schema.js';

const done = [
  { code: 'agreement_signed', required: true, done: true },
  { code: 'optional', required: false, done: false },
];

describe('partner lifecycle', () => {
  it('walks applicant → onboarding → active → suspended → active → terminated', () => {
    const path = ['applicant', 'onboarding', 'active', 'suspended', 'active', 'terminated'] as const;
    for (let i = 1; i < path.length; i++)
      expect(checkTransition(path[i - 1]!, path[i]!, done)).toEqual({ ok: true });
  });

  it('refuses every move the lifecycle has not, naming where the partner can go', () => {
    for (const from of PARTNER_STATUSES)
      for (const to of PARTNER_STATUSES) {
        const verdict = checkTransition(from, to, done);
        if (TRANSITIONS[from].includes(to)) continue;
        expect(verdict).toEqual({
          ok: false,
          code: 'PARTNER_TRANSITION_INVALID',
          allowed: TRANSITIONS[from],
        });
      }
    expect(checkTransition('applicant', 'active', done)).toMatchObject({
      allowed: ['onboarding', 'terminated'],
    });
  });

  it('keeps terminated final', () => {
    expect(TRANSITIONS.terminated).toEqual([]);
    expect(checkTransition('terminated', 'active', done).ok).toBe(false);
  });

  it('activates from onboarding only with every required checklist item done', () => {
    const open = [...done, { code: 'training_completed', required: true, done: false }];
    expect(checkTransition('onboarding', 'active', open)).toEqual({
      ok: false,
      code: 'PARTNER_CHECKLIST_INCOMPLETE',
      missing: ['training_completed'],
    });
    // Reinstating a suspended partner does not ask for the checklist again.
    expect(checkTransition('suspended', 'active', open)).toEqual({ ok: true });
  });

  it('lets only onboarding and active partners’ people act', () => {
    expect(PARTNER_STATUSES.filter(mayAct)).toEqual(['onboarding', 'active']);
  });
});
