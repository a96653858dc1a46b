import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import type { Registration, RegistrationTimeline } from '../../api/types.js';
import { matchedParties } from './matchEvidence.js';
import {
  formFieldOf,
  sumAmounts,
  toAvailabilityBody,
  toRegistrationBody,
  toRegistrationFormValues,
  withFormFields,
} from './registrationForm.js';
import {
  decisionIds,
  minorToAmount,
  pendingStep,
  protectionCountdown,
  refusalMessage,
  timelineSteps,
} from './registrationStatus.js';

const item = (
  action: RegistrationTimeline['items'][number]['action'],
  status: RegistrationTimeline['items'][number]['status'],
  extra: Partial<RegistrationTimeline['items'][number]> = {},
): RegistrationTimeline['items'][number] => ({
  action,
  at: '2026-11-01T08:00:00Z',
  status,
  protectedUntil: null,
  stepsGiven: null,
  reason: null,
  decisionId: null,
  ...extra,
});

describe('protection countdown', () => {
  it('counts the days the server computed and turns red under three', () => {
    expect(protectionCountdown({ daysLeft: 90, protectedUntil: '2027-02-01' })).toEqual({
      days: 90,
      until: '2027-02-01',
      urgent: false,
    });
    expect(protectionCountdown({ daysLeft: 3, protectedUntil: '2027-02-01' })?.urgent).toBe(false);
    expect(protectionCountdown({ daysLeft: 2, protectedUntil: '2027-02-01' })?.urgent).toBe(true);
    expect(protectionCountdown({ daysLeft: 0, protectedUntil: '2027-02-01' })?.urgent).toBe(true);
  });

  it('shows none without a protection', () => {
    expect(protectionCountdown({ daysLeft: null, protectedUntil: '2027-02-01' })).toBeNull();
    expect(protectionCountdown({ daysLeft: null, protectedUntil: null })).toBeNull();
  });
});

describe('timeline steps', () => {
  const reg = {
    status: 'resubmitted' as const,
    stepsRequired: 2,
    approvals: [{ by: 'a', at: 'b' }],
    extension: null,
  };

  it('names a partial approval by its step and says which step is pending', () => {
    const steps = timelineSteps(
      {
        items: [
          item('registration.created', 'draft'),
          item('registration.submitted', 'submitted', { decisionId: 'd1' }),
          item('registration.returned', 'returned', { reason: '补充' }),
          item('registration.submitted', 'resubmitted', { decisionId: 'd2' }),
          item('registration.approved', 'resubmitted', { stepsGiven: 1, decisionId: 'd3' }),
        ],
      },
      reg,
    );
    expect(steps.map((s) => s.key)).toEqual([
      'created',
      'submitted',
      'returned',
      'submitted',
      'stepApproved',
      'waitingStep',
    ]);
    expect(steps[4]).toMatchObject({ params: { step: 1, of: 2 }, color: 'green' });
    expect(steps[5]).toEqual({ kind: 'pending', key: 'waitingStep', params: { step: 2, of: 2 } });
    expect(steps[2]).toMatchObject({ reason: '补充', color: 'orange' });
  });

  it('reads a submission that approved at once as an automatic approval, and waits for an extension', () => {
    const steps = timelineSteps(
      { items: [item('registration.submitted', 'approved')] },
      {
        status: 'approved',
        stepsRequired: 1,
        approvals: [],
        extension: { days: 30, reason: 'x', status: 'pending', requestedAt: 'now' },
      },
    );
    expect(steps.map((s) => s.key)).toEqual(['autoApproved', 'waitingExtension']);
    expect(steps[1]!.params).toEqual({ days: 30 });
  });

  it('waits for nothing once decided, and lists decisions newest first once each', () => {
    const timeline = {
      items: [
        item('registration.submitted', 'submitted', { decisionId: 'd1' }),
        item('registration.rejected', 'rejected', { decisionId: 'd2' }),
        item('registration.updated', 'rejected', { decisionId: 'd2' }),
      ],
    };
    expect(
      timelineSteps(timeline, { status: 'rejected', stepsRequired: 1, approvals: [], extension: null }).some(
        (s) => s.kind === 'pending',
      ),
    ).toBe(false);
    expect(decisionIds(timeline)).toEqual(['d2', 'd1']);
    expect(pendingStep({ status: 'submitted', stepsRequired: 3, approvals: [] })).toEqual({ step: 1, of: 3 });
    expect(pendingStep({ status: 'approved', stepsRequired: 3, approvals: [] })).toBeNull();
  });
});

describe('registration form', () => {
  it('sends the customer and the deal with amounts as typed and empty lines left out', () => {
    const body = toRegistrationBody({
      legalName: ' 杭州云帆科技有限公司 ',
      uscc: '',
      phones: '0571-8888 1234， 13800138000',
      regionCode: '330106',
      name: '云帆 CRM',
      currency: 'CNY',
      lines: [{ productId: 'p1', quantity: 2, amount: ' 12345678901234.10 ' }, {}],
      expectedClose: dayjs('2027-01-15'),
      competitors: ['甲', '甲', ' '],
      contactName: '王经理',
      contactMobile: '13800138000',
      contactEmail: '',
    });
    expect(body).toEqual({
      customer: {
        legalName: '杭州云帆科技有限公司',
        phones: ['0571-8888 1234', '13800138000'],
        regionCode: '330106',
      },
      name: '云帆 CRM',
      currency: 'CNY',
      lines: [{ productId: 'p1', quantity: 2, amount: '12345678901234.10' }],
      expectedClose: '2027-01-15',
      stage: 'qualify',
      competitors: ['甲'],
      customerContact: { name: '王经理', mobile: '13800138000' },
      note: null,
    });
  });

  it('puts the server’s problems under the form’s own fields', () => {
    expect(formFieldOf('customer.uscc')).toBe('uscc');
    expect(formFieldOf('customerContact.mobile')).toBe('contactMobile');
    expect(formFieldOf('lines.0.amount')).toBe('lines.0.amount');
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', {
      fields: [{ field: 'customer.legalName', problem: 'required', message: 'x' }],
    });
    const renamed = withFormFields(error) as ApiError;
    expect(renamed.fields[0]!.field).toBe('legalName');
    expect(renamed.code).toBe('VALIDATION_FAILED');
  });

  it('fills the form back from a saved registration', () => {
    const values = toRegistrationFormValues(
      {
        customer: { legalName: '甲', phones: ['1'], uscc: null },
        name: 'd',
        currency: 'USD',
        lines: [{ productId: 'p', productLineId: 'l', quantity: 1, amount: '5.00' }],
        expectedClose: '2027-01-01',
        stage: 'propose',
        competitors: [],
        customerContact: null,
        note: null,
      } as unknown as Registration,
      (iso) => dayjs(iso),
    );
    expect(values).toMatchObject({ legalName: '甲', phones: '1', currency: 'USD', stage: 'propose' });
    expect(values.expectedClose?.format('YYYY-MM-DD')).toBe('2027-01-01');
    expect(values.lines).toEqual([{ productId: 'p', quantity: 1, amount: '5.00' }]);
  });

  it('adds amounts exactly, beyond what a float holds', () => {
    expect(sumAmounts(['12.5', '0.25'])).toBe('12.75');
    expect(sumAmounts(['9007199254740993.01', '0.99'])).toBe('9007199254740994.00');
    expect(sumAmounts(['0.01'])).toBe('0.01');
    expect(sumAmounts(['100', ''])).toBe('100');
    expect(sumAmounts(['1,000'])).toBeNull();
    expect(sumAmounts([])).toBeNull();
  });

  it('asks about availability only with a name', () => {
    expect(toAvailabilityBody({ legalName: ' ' })).toBeNull();
    expect(toAvailabilityBody({ legalName: '甲', uscc: ' ', phones: '1, 2' })).toEqual({
      legalName: '甲',
      phones: ['1', '2'],
    });
  });
});

describe('match evidence', () => {
  it('names each matched account and registration once, strongest first, with what holds it', () => {
    const parties = matchedParties([
      { code: 'registration.account', params: { accountId: 'a1', ownerId: 'u1', partnerId: null } },
      {
        code: 'registration.held',
        params: { registrationId: 'r1', partnerId: 'p2', protectedUntil: '2027-01-01' },
      },
      { code: 'match.possible', params: { registrationId: 'r2', score: 0.7 } },
      { code: 'match.same', params: { accountId: 'a1', score: 0.98 } },
      { code: 'match.none', params: {} },
    ]);
    expect(parties.map((p) => [p.type, p.id, p.verdict])).toEqual([
      ['account', 'a1', 'same'],
      ['registration', 'r1', 'holder'],
      ['registration', 'r2', 'possible'],
    ]);
    expect(parties[0]).toMatchObject({ ownerId: 'u1', score: 0.98 });
    expect(parties[1]).toMatchObject({ partnerId: 'p2', protectedUntil: '2027-01-01' });
  });
});

describe('refusals', () => {
  it('turns the stored minimum in minor units into the currency’s amount', () => {
    expect(minorToAmount('100000', 'CNY')).toBe('1000.00');
    expect(minorToAmount('5', 'CNY')).toBe('0.05');
    expect(minorToAmount('1000', 'JPY')).toBe('1000');
    expect(
      refusalMessage({
        code: 'BELOW_MINIMUM',
        until: null,
        params: { minimumMinor: '100000', currency: 'CNY' },
      }),
    ).toEqual({
      key: 'registrations.refusals.BELOW_MINIMUM',
      params: { minimum: '1000.00', currency: 'CNY' },
    });
  });

  it('names a reviewer’s reason by its code and a protection by its date', () => {
    expect(
      refusalMessage({
        code: 'REVIEWER_REJECTED',
        until: null,
        params: { reason: 'x', reasonCode: 'OTHER' },
      }),
    ).toEqual({
      key: 'registrations.portal.reviewerRejected',
      params: { code: 'registrations.portal.rejectionCodes.OTHER' },
    });
    expect(refusalMessage({ code: 'PROTECTED_UNTIL', until: '2027-01-31', params: {} })).toEqual({
      key: 'registrations.refusals.PROTECTED_UNTIL',
      params: { until: '2027-01-31' },
    });
  });
});
