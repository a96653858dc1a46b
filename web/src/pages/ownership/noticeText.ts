import type { TFunction } from 'i18next';
import {
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  type PartnerStatus,
} from '../../api/types.js';

const PARTNER_STATUSES: readonly string[] = ['applicant', 'onboarding', 'active', 'suspended', 'terminated'];
import { loose } from '../../i18n/errorText.js';

const str = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

const REFUSAL_CODES: readonly string[] = [
  'DIRECT_CUSTOMER',
  'PROTECTED_UNTIL',
  'DUPLICATE_OWN_REGISTRATION',
  'BELOW_MINIMUM',
  'RECENT_DIRECT_FOLLOW_UP',
  'OUTSIDE_TERRITORY',
  'REVIEWER_REJECTED',
];

/** Minor units as an amount in the currency's own decimals ("100000" CNY → "1000.00"); exact, no floats. */
function minorText(minor: string, currency: string): string {
  if (!/^\d+$/.test(minor)) return minor;
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // An unknown currency code: two decimals, as most have.
  }
  if (digits === 0) return minor;
  const padded = minor.padStart(digits + 1, '0');
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** A registration's refusal in words, as the partner's own registration shows it: the code, a date, never who. */
function refusalText(t: TFunction, p: Record<string, unknown>): string {
  const code = str(p.code);
  if (!REFUSAL_CODES.includes(code)) return code || '—';
  const params = (p.refusal ?? {}) as Record<string, unknown>;
  const currency = str(params.currency);
  return loose(t)(`registrations.refusals.${code}`, {
    until: str(p.until),
    reason: str(params.reason) || '—',
    minimum: minorText(str(params.minimumMinor), currency),
    currency,
  });
}

/** A notice in the reader's language, from its kind and parameters; an unknown kind is named as it is. */
export function noticeText(t: TFunction, notice: Pick<Notification, 'kind' | 'params'>): string {
  const kind = NOTIFICATION_KINDS.find((k): k is NotificationKind => k === notice.kind);
  if (!kind) return t('ownership.notifications.other', { kind: notice.kind });
  const p = notice.params;
  const poolName = str(p.poolName);
  return loose(t)(`ownership.notifications.kinds.${kind}`, {
    returnsOn: str(p.returnsOn),
    daysLeft: str(p.daysLeft),
    count: typeof p.count === 'number' ? p.count : 1,
    note: str(p.note) || '—',
    pool: poolName || t('ownership.deadline.aPool'),
    partner: str(p.partnerName),
    status: PARTNER_STATUSES.includes(p.to as PartnerStatus)
      ? t(`partners.statuses.${p.to as PartnerStatus}`)
      : str(p.to),
    deal: str(p.deal),
    customer: str(p.customer),
    until: str(p.until),
    reason: str(p.reason) || '—',
    days: str(p.days),
    step: str(p.step),
    of: str(p.of),
    lineNo: str(p.lineNo),
    periodStart: str(p.periodStart),
    periodEnd: str(p.periodEnd),
    planName: str(p.planName),
    attainment: str(p.attainment) || '—',
    checkpoint: str(p.checkpoint),
    threshold: str(p.threshold),
    refusal: kind === 'registration.rejected' ? refusalText(t, p) : '',
    outcome: t(
      p.approved ? 'registrations.notices.extensionGranted' : 'registrations.notices.extensionDeclined',
    ),
  });
}
