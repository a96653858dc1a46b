import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AccessRequestTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { AccessRequestKind, AccessRequestStatus } from './access-requests.schema.js';

export type AccessRequestRow = Selectable<AccessRequestTable>;

export async function insertAccessRequest(
  db: Executor,
  row: {
    account_id: string;
    requester_id: string;
    kind: AccessRequestKind;
    customer_name: string;
    note: string | null;
  },
): Promise<AccessRequestRow> {
  return db.insertInto('access_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The caller's open request on an account, if any (a second one would break the unique index). */
export async function findOpenRequest(db: Executor, requesterId: string, accountId: string) {
  return db
    .selectFrom('access_requests')
    .select('id')
    .where('requester_id', '=', requesterId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export async function accountStatus(db: Executor, accountId: string) {
  const row = await db.selectFrom('accounts').select('status').where('id', '=', accountId).executeTakeFirst();
  return row?.status;
}

const visibleRequest = (db: Executor, actor: Actor, id: string) =>
  db
    .selectFrom('access_requests')
    .selectAll('access_requests')
    .where(visible('access_request', actor))
    .where('access_requests.id', '=', id);

/** A request the actor may see, as it stands (the decider locks the customer before the request). */
export async function findVisibleRequest(db: Executor, actor: Actor, id: string) {
  return visibleRequest(db, actor, id).executeTakeFirst();
}

/** A request the actor may see, locked for a change. */
export async function lockVisibleRequest(db: Executor, actor: Actor, id: string) {
  return visibleRequest(db, actor, id).forUpdate().executeTakeFirst();
}

export async function updateRequest(
  db: Executor,
  id: string,
  patch: {
    status: AccessRequestStatus;
    decided_by?: string;
    decided_at?: string;
    decision_note?: string | null;
    decision_id?: string;
  },
): Promise<AccessRequestRow> {
  return db
    .updateTable('access_requests')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listVisibleRequests(
  db: Executor,
  actor: Actor,
  filter: { status?: AccessRequestStatus | undefined; mine?: boolean | undefined },
  page: Page,
) {
  let query = db.selectFrom('access_requests').where(visible('access_request', actor));
  if (filter.status) query = query.where('access_requests.status', '=', filter.status);
  if (filter.mine) query = query.where('access_requests.requester_id', '=', actor.id);
  const [items, count] = await Promise.all([
    query
      .selectAll('access_requests')
      // Open ones first: they are the work; then the latest.
      .orderBy((eb) => eb.case().when('access_requests.status', '=', 'open').then(0).else(1).end())
      .orderBy('access_requests.created_at', 'desc')
      .orderBy('access_requests.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function userNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((u) => [u.id, u.display_name]));
}

export async function accountNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { legalName: string; ownerId: string | null }>();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'legal_name', 'owner_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((a) => [a.id, { legalName: a.legal_name, ownerId: a.owner_id }]));
}
