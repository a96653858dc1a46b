import type {
  Registration,
  RegistrationStatus,
  RegistrationTimeline,
  RegistrationTimelineAction,
} from '../../api/types.js';

export const REGISTRATION_STATUS_LIST: readonly RegistrationStatus[] = [
  'draft',
  'submitted',
  'returned',
  'resubmitted',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
  'won',
  'lost',
];

export const REGISTRATION_STATUS_COLORS: Record<RegistrationStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  resubmitted: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  expired: 'error',
  won: 'success',
  lost: 'default',
};

export interface Countdown {
  days: number;
  until: string;
  /** Shown in red: fewer than three protected days are left. */
  urgent: boolean;
}

/**
 * The protection countdown of a registration holding its customer: the server counts the days left in the
 * organisation's time zone, today included; none once the protection is over or before it starts.
 */
export function protectionCountdown(r: Pick<Registration, 'daysLeft' | 'protectedUntil'>): Countdown | null {
  if (r.daysLeft === null || r.protectedUntil === null) return null;
  return { days: r.daysLeft, until: r.protectedUntil, urgent: r.daysLeft < 3 };
}

const ACTION_COLORS: Record<RegistrationTimelineAction, string> = {
  'registration.created': 'gray',
  'registration.updated': 'gray',
  'registration.submitted': 'blue',
  'registration.returned': 'orange',
  'registration.approved': 'green',
  'registration.rejected': 'red',
  'registration.withdrawn': 'gray',
  'registration.expired': 'red',
  'registration.won': 'green',
  'registration.lost': 'gray',
  'registration.extension_requested': 'purple',
  'registration.extension_decided': 'purple',
};

export type TimelineStep =
  | {
      kind: 'done';
      /** Text key under `registrations.timeline` */
      key: string;
      at: string;
      color: string;
      status: RegistrationStatus | null;
      params: Record<string, string | number>;
      reason: string | null;
      decisionId: string | null;
    }
  | { kind: 'pending'; key: 'waitingStep' | 'waitingExtension'; params: Record<string, string | number> };

/**
 * A registration's timeline as the page shows it: each step with its colour and text key (one approval
 * step among several reads "step 1 of 2 approved"), then what it is waiting for, if anything.
 */
export function timelineSteps(
  timeline: RegistrationTimeline,
  r: Pick<Registration, 'status' | 'stepsRequired' | 'approvals' | 'extension'>,
): TimelineStep[] {
  const steps: TimelineStep[] = timeline.items.map((item): TimelineStep => {
    const partial = item.action === 'registration.approved' && item.status !== 'approved';
    const auto = item.action === 'registration.submitted' && item.status === 'approved';
    return {
      kind: 'done',
      key: partial ? 'stepApproved' : auto ? 'autoApproved' : item.action.slice('registration.'.length),
      at: item.at,
      color: auto ? 'green' : ACTION_COLORS[item.action],
      status: item.status,
      params: partial ? { step: item.stepsGiven ?? 1, of: r.stepsRequired } : {},
      reason: item.reason,
      decisionId: item.decisionId,
    };
  });
  if (r.status === 'submitted' || r.status === 'resubmitted')
    steps.push({
      kind: 'pending',
      key: 'waitingStep',
      params: { step: Math.min(r.approvals.length + 1, r.stepsRequired), of: r.stepsRequired },
    });
  if (r.status === 'approved' && r.extension?.status === 'pending')
    steps.push({ kind: 'pending', key: 'waitingExtension', params: { days: r.extension.days } });
  return steps;
}

/** The step a reviewer gives next, e.g. "2 of 3"; null when the registration waits for no reviewer. */
export function pendingStep(r: Pick<Registration, 'status' | 'stepsRequired' | 'approvals'>) {
  if (r.status !== 'submitted' && r.status !== 'resubmitted') return null;
  return { step: Math.min(r.approvals.length + 1, r.stepsRequired), of: r.stepsRequired };
}

/** The verdict decisions behind a registration, newest first: what the channel's evidence panel reads. */
export function decisionIds(timeline: RegistrationTimeline): string[] {
  return [
    ...new Set(
      timeline.items
        .map((i) => i.decisionId)
        .filter((id): id is string => id !== null)
        .reverse(),
    ),
  ];
}

/** An amount in minor units as a decimal string of the currency's major unit ("100000", CNY → "1000.00"). */
export function minorToAmount(minor: string, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minor.startsWith('-');
  const abs = (negative ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return negative ? `-${text}` : text;
}

/** The text key and parameters of a refusal, its code and parameters as the server stored them. */
export function refusalMessage(refusal: {
  code: string;
  until: string | null;
  params: Record<string, string | number | null>;
}): { key: string; params: Record<string, string> } {
  const p = refusal.params;
  switch (refusal.code) {
    case 'BELOW_MINIMUM':
      return {
        key: 'registrations.refusals.BELOW_MINIMUM',
        params: {
          minimum: minorToAmount(String(p.minimumMinor ?? '0'), String(p.currency ?? 'CNY')),
          currency: String(p.currency ?? ''),
        },
      };
    case 'REVIEWER_REJECTED':
      return {
        key: 'registrations.portal.reviewerRejected',
        params: { code: `registrations.portal.rejectionCodes.${String(p.reasonCode ?? 'OTHER')}` },
      };
    default:
      return { key: `registrations.refusals.${refusal.code}`, params: { until: refusal.until ?? '' } };
  }
}
