import { sql } from 'kysely';
import { sendWithCommit, type Executor } from '../../db/database.js';
import { insertLiterals, literal } from '../../db/literals.js';
import type { Page } from '../../http/pagination.js';

const NOTICE_COLUMNS = ['user_id', 'kind', 'params', 'account_id'] as const;

export async function insertNotifications(
  db: Executor,
  rows: readonly { user_id: string; kind: string; params: string; account_id: string | null }[],
) {
  if (rows.length === 0) return;
  // A unit of work's few notices go with its COMMIT, as its records do: they cost no round trip.
  if (db.isTransaction && rows.length <= 64) {
    await sendWithCommit(db, insertLiterals('notifications', NOTICE_COLUMNS, rows));
    return;
  }
  // One array per column: a sweep notifies thousands at once (see ledger.repo's anyOf).
  await sql`
    insert into notifications (user_id, kind, params, account_id)
    select * from unnest(${rows.map((r) => r.user_id)}::uuid[], ${rows.map((r) => r.kind)}::text[],
      ${rows.map((r) => r.params)}::jsonb[], ${rows.map((r) => r.account_id)}::uuid[])
  `.execute(db);
}

/**
 * One notice to each active person of a partner who is its admin or `alsoUserId`, `except` left out: the
 * people are read by the insert itself, sent with the unit of work's COMMIT (no round trip).
 */
export async function insertPartnerNotices(
  db: Executor,
  n: {
    partnerId: string;
    alsoUserId: string;
    except: string | null;
    kind: string;
    params: string;
    accountId: string | null;
  },
) {
  const text = `insert into notifications (user_id, kind, params, account_id)
    select id, ${literal(n.kind)}, ${literal(n.params)}::jsonb, ${literal(n.accountId)}::uuid from users
    where partner_id = ${literal(n.partnerId)}::uuid and status <> 'inactive'
      and (id = ${literal(n.alsoUserId)}::uuid or role = 'partner_admin')
      ${n.except ? `and id <> ${literal(n.except)}::uuid` : ''}
    order by id`;
  await sendWithCommit(db, text);
}

export async function listNotifications(db: Executor, userId: string, unread: boolean, page: Page) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (unread) q = q.where('read_at', 'is', null);
  const [items, total, unreadCount] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), unread: Number(unreadCount.n) };
}

export async function markRead(db: Executor, userId: string, ids: readonly string[] | 'all') {
  let q = db
    .updateTable('notifications')
    .set({ read_at: new Date().toISOString() })
    .where('user_id', '=', userId);
  q = q.where('read_at', 'is', null);
  if (ids !== 'all')
    q = q.where('id', 'in', ids.length > 0 ? [...ids] : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}
