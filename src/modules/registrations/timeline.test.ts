import { describe, expect, it } from 'vitest';
import { buildTimeline, type HistoryRow } from './timeline.js';

const row = (action: string, after: unknown, reason: string | null = null): HistoryRow => ({
  action,
  at: '2026-01-01T00:00:00Z',
  after,
  reason,
  decision_id: '11111111-1111-4111-8111-111111111111',
});

const rows = [
  row('registration.created', { status: 'draft', protectedUntil: null, approvals: [] }),
  row('registration.submitted', { status: 'submitted', protectedUntil: null }),
  row('registration.approved', { status: 'submitted', approvals: [{ by: 'x', at: 'y' }] }, 'internal note'),
  row('registration.returned', { status: 'returned', approvals: [] }, 'which department?'),
  row('registration.settings_updated', { status: 'approved' }),
];

describe('buildTimeline', () => {
  it('keeps the registration’s own steps in order with the status each left', () => {
    const { items } = buildTimeline(rows, { partner: false });
    expect(items.map((i) => [i.action, i.status, i.stepsGiven])).toEqual([
      ['registration.created', 'draft', 0],
      ['registration.submitted', 'submitted', null],
      ['registration.approved', 'submitted', 1],
      ['registration.returned', 'returned', 0],
    ]);
    expect(items[2]!.reason).toBe('internal note');
    expect(items.every((i) => i.decisionId !== null)).toBe(true);
  });

  it('tells a partner the reviewer’s question but not the approval note nor the decisions', () => {
    const { items } = buildTimeline(rows, { partner: true });
    expect(items[2]!.reason).toBeNull();
    expect(items[3]!.reason).toBe('which department?');
    expect(items.every((i) => i.decisionId === null)).toBe(true);
  });

  it('reads an unknown status as none rather than inventing one', () => {
    const { items } = buildTimeline([row('registration.updated', { status: 'sideways' })], { partner: true });
    expect(items[0]!.status).toBeNull();
  });
});
