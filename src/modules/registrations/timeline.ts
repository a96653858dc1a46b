import {
  REGISTRATION_STATUSES,
  TIMELINE_ACTIONS,
  type RegistrationStatus,
  type Timeline,
  type TimelineAction,
} from './registrations.schema.js';

export interface HistoryRow {
  action: string;
  at: string;
  after: unknown;
  reason: string | null;
  decision_id: string | null;
}

/**
 * Reasons a partner reads on its own registration's timeline: the reviewer's question when returning, the
 * reviewer's refusal, its own words. A reviewer's note on an approval step stays with the channel, as do
 * the decisions (their evidence names other parties).
 */
const TOLD_TO_PARTNER: readonly TimelineAction[] = [
  'registration.returned',
  'registration.rejected',
  'registration.withdrawn',
  'registration.lost',
  'registration.extension_requested',
  'registration.extension_decided',
];

const isAction = (action: string): action is TimelineAction =>
  (TIMELINE_ACTIONS as readonly string[]).includes(action);
const isStatus = (status: unknown): status is RegistrationStatus =>
  (REGISTRATION_STATUSES as readonly unknown[]).includes(status);

/** A registration's audit entries as the steps its reader may see, oldest first. */
export function buildTimeline(rows: readonly HistoryRow[], reader: { partner: boolean }): Timeline {
  return {
    items: rows.flatMap((row) => {
      if (!isAction(row.action)) return [];
      const after = (row.after ?? {}) as { status?: unknown; protectedUntil?: unknown; approvals?: unknown };
      return [
        {
          action: row.action,
          at: row.at,
          status: isStatus(after.status) ? after.status : null,
          protectedUntil: typeof after.protectedUntil === 'string' ? after.protectedUntil : null,
          stepsGiven: Array.isArray(after.approvals) ? after.approvals.length : null,
          reason: !reader.partner || TOLD_TO_PARTNER.includes(row.action) ? row.reason : null,
          decisionId: reader.partner ? null : row.decision_id,
        },
      ];
    }),
  };
}
