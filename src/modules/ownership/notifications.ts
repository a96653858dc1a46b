import type { Executor } from '../../db/database.js';
import type { JsonObject } from '../../kernel/index.js';
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
  'ownership.reminder',
  'ownership.reminder_escalated',
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
