import type { TFunction } from 'i18next';
import { NOTIFICATION_KINDS, type Notification, type NotificationKind } from '../../api/types.js';
import { loose } from '../../i18n/errorText.js';

const str = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

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
  });
}
