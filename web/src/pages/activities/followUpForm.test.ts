import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { checkInOf, followUpBody } from './followUpForm.js';

describe('followUpBody', () => {
  const at = dayjs('2026-11-20T09:30:00Z');

  it('sends the time as an instant, and leaves out an empty next step', () => {
    expect(followUpBody({ kind: 'call', at, note: '电话沟通', nextStep: '  ' }, null)).toEqual({
      kind: 'call',
      at: '2026-11-20T09:30:00.000Z',
      note: '电话沟通',
    });
  });

  it('sends the next step with its date as a business date', () => {
    const body = followUpBody(
      { kind: 'meeting', at, note: '会议', nextStep: '发报价', nextStepAt: dayjs('2026-12-01T00:00:00') },
      null,
    );
    expect(body.nextStep).toEqual({ text: '发报价', at: '2026-12-01' });
  });

  it('keeps a check-in only on a visit', () => {
    const place = checkInOf({ latitude: 31.230416789, longitude: 121.473701234 });
    expect(place).toEqual({ lat: 31.23042, lng: 121.4737 });
    expect(followUpBody({ kind: 'visit', at, note: '拜访' }, place).location).toEqual(place);
    expect(followUpBody({ kind: 'call', at, note: '电话' }, place).location).toBeUndefined();
  });
});
