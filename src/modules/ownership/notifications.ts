import type { Db, Executor } from '../../db/database.js';
import { runWork, type JsonObject } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as repo from './notifications.repo.js';

/**
 * In-app notices: a code and its parameters, never a sentence — the web says it in the reader's language.
 * Written in the unit of work of what they announce; the same facts go out as events for webhooks.
 */
export const NOTIFICATION_KINDS = [
  'ownership.assigned',
  'ownership.claimed_away',
  'ownership.released',
  'ownership.recovered',
  'ownership.transferred_in',
  'ownership.transferred_out',
  'ownership.reassigned_away',
  'ownership.reminder',
  'ownership.reminder_escalated',
  'ownership.requested_away',
  'access_request.granted',
  'access_request.denied',
  'partner.status_changed',
  'partner.registration_suspended',
  'partner.registration_restored',
  'registration.pending_review',
  'registration.step_approved',
  'registration.approved',
  'registration.rejected',
  'registration.returned',
  'registration.withdrawn',
  'registration.extension_requested',
  'registration.extension_decided',
  'registration.expiring',
  'registration.expired',
  'registration.won',
  'registration.lost',
  'case.opened',
  'case.escalated',
  'case.decided',
  'commission.dispute_resolved',
  'commission.attainment_alert',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notice {
  userId: string;
  kind: NotificationKind;
  params: JsonObject;
  accountId: string | null;
}

export async function notify(db: Executor, notices: readonly Notice[]) {
  await repo.insertNotifications(
    db,
    notices.map((n) => ({
      user_id: n.userId,
      kind: n.kind,
      params: JSON.stringify(n.params),
      account_id: n.accountId,
    })),
  );
}

/**
 * Marks the caller's notices read: the ones named, or all. Audited like any other change (one entry per
 * call, naming what was marked), so "I never saw that reminder" can be checked against the trail.
 */
export async function markNotificationsRead(db: Db, ctx: RequestContext, ids: readonly string[] | 'all') {
  const userId = ctx.actor.id;
  if (!userId) return 0;
  return runWork(db, ctx, async (w) => {
    const marked = await repo.markRead(w.tx, userId, ids);
    if (marked.length > 0)
      w.audit({
        action: 'notification.read',
        entityType: 'user',
        entityId: userId,
        after: { marked: marked.length, ids: marked },
      });
    return marked.length;
  });
}
