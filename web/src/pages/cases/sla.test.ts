import { describe, expect, it } from 'vitest';
import { slaState, spanParts } from './sla.js';

const base = {
  status: 'open' as const,
  respondBy: '2030-01-01T10:00:00Z',
  decideBy: '2030-01-03T10:00:00Z',
  firstResponseAt: null,
};
const at = (iso: string) => Date.parse(iso);

describe('a case’s SLA countdown', () => {
  it('runs against the first response until the case is taken up, then against the decision', () => {
    expect(slaState(base, at('2030-01-01T09:00:00Z'))).toEqual({
      due: 'respondBy',
      at: base.respondBy,
      seconds: 3600,
      overdue: false,
    });
    const taken = { ...base, status: 'under_review' as const, firstResponseAt: '2030-01-01T09:30:00Z' };
    expect(slaState(taken, at('2030-01-01T11:00:00Z'))).toMatchObject({ due: 'decideBy', overdue: false });
  });

  it('is overdue past the due instant, and nothing once the case is closed', () => {
    expect(slaState(base, at('2030-01-01T10:30:00Z'))).toMatchObject({ overdue: true, seconds: -1800 });
    expect(slaState({ ...base, status: 'decided' }, at('2030-01-05T00:00:00Z'))).toBeNull();
  });

  it('says a span in its largest sensible unit', () => {
    expect(spanParts(3 * 86_400 + 5)).toEqual({ unit: 'days', count: 3 });
    expect(spanParts(-7200)).toEqual({ unit: 'hours', count: 2 });
    expect(spanParts(59)).toEqual({ unit: 'minutes', count: 1 });
  });
});
