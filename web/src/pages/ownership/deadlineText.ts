import type { TFunction } from 'i18next';
import type { Deadline } from '../../api/types.js';

/**
 * A deadline as one plain sentence: "Returns to 华南公海 on 2027-02-04 unless a follow-up is logged", the
 * condition chosen by what the rule counts (its trigger); once past, that the next sweep takes it back.
 */
export function deadlineText(t: TFunction, deadline: Deadline): string {
  const params = { pool: deadline.poolName ?? t('ownership.deadline.aPool'), date: deadline.returnsOn };
  return deadline.expired
    ? t(`ownership.deadline.expired.${deadline.trigger}`, params)
    : t(`ownership.deadline.pending.${deadline.trigger}`, params);
}

/** "3 days left", or that it returns today; nothing once expired (the sentence says so). */
export function daysLeftText(t: TFunction, deadline: Deadline): string | null {
  if (deadline.expired) return null;
  if (deadline.daysLeft <= 0) return t('ownership.deadline.today');
  return t('ownership.deadline.daysLeft', { count: deadline.daysLeft });
}

/** Red when it is close: under three days left, or already past. */
export const deadlineUrgent = (deadline: Deadline): boolean => deadline.expired || deadline.daysLeft < 3;
