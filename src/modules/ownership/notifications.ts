import type { Db, Executor } from '../../db/database.js';
import { runWork, type JsonObject } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as repo from './notifications.repo.js';

import type { NotificationKind } from './notifications.schema.js';

export { NOTIFICATION_KINDS, type NotificationKind } from './notifications.schema.js';

/**
 * In-app notices: a code and its parameters, never a sentence — the web says it in the reader's language.
 * Written in the unit of work of what they announce; the same facts go out as events for webhooks.
 */

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
 * A notice to a partner's people — its admins and `alsoUserId` (the one it concerns), active, `except` left
 * out — written without reading them first.
 */
export async function notifyPartnerPeople(
  db: Executor,
  notice: {
    partnerId: string;
    alsoUserId: string;
    except: string | null;
    kind: NotificationKind;
    params: JsonObject;
    accountId: string | null;
  },
) {
  await repo.insertPartnerNotices(db, { ...notice, params: JSON.stringify(notice.params) });
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
