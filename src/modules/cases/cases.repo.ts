import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CaseSettingsTable, CaseTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/index.js';
import type { Actor } from '../access/index.js';

export type CaseRow = Selectable<CaseTable>;
export type CaseSettingsRow = Selectable<CaseSettingsTable>;
export const OPEN = ['open', 'under_review'] as const;

export async function settings(db: Executor) {
  return db.selectFrom('case_settings').selectAll().executeTakeFirstOrThrow();
}

export async function updateSettings(db: Executor, patch: Updateable<CaseSettingsTable>) {
  return db
    .updateTable('case_settings')
    .set({ ...patch, updated_at: sql<string>`now()` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function timeZone(db: Executor) {
  return (await db.selectFrom('organization').select('time_zone').executeTakeFirstOrThrow()).time_zone;
}

/**
 * The new case, or undefined when the registration already has an open one (the partial unique index): no
 * error, so the caller's transaction goes on without a savepoint around this.
 */
export async function insertCase(db: Executor, row: Insertable<CaseTable>) {
  return db
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateCase(db: Executor, id: string, patch: Updateable<CaseTable>) {
  return db
    .updateTable('cases')
    .set({ ...patch, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findVisibleCase(db: Executor, actor: Actor, id: string, forUpdate = false) {
  const query = db.selectFrom('cases').selectAll().where('id', '=', id).where(visible('case', actor));
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** The cases of a registration: the open one, if any, and whether one was decided. */
export async function casesOfRegistration(db: Executor, registrationId: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'status'])
    .where((eb) =>
      eb.or([eb('registration_id', '=', registrationId), eb('other_registration_id', '=', registrationId)]),
    )
    .execute();
}

export async function listVisibleCases(
  db: Executor,
  actor: Actor,
  filter: {
    status?: CaseRow['status'] | undefined;
    active?: boolean | undefined;
    overdue?: boolean | undefined;
  },
  page: Page,
) {
  let query = db.selectFrom('cases').where(visible('case', actor));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.active) query = query.where('status', 'in', [...OPEN]);
  if (filter.overdue)
    query = query
      .where('status', 'in', [...OPEN])
      .where((eb) =>
        eb.or([
          eb('decide_by', '<', sql<string>`now()`),
          eb.and([eb('first_response_at', 'is', null), eb('respond_by', '<', sql<string>`now()`)]),
        ]),
      );
  const [items, total] = await Promise.all([
    query
      .selectAll()
      // Open cases first, the most urgent at the top; then the rest, newest first.
      .orderBy(sql`case when status in ('open', 'under_review') then 0 else 1 end`)
      .orderBy(sql`case when status in ('open', 'under_review') then decide_by end`)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertCaseEvent(db: Executor, caseId: string, kind: string, actorId: string | null) {
  await db.insertInto('case_events').values({ case_id: caseId, kind, actor_id: actorId }).execute();
}

export async function caseEvents(db: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_events')
    .select(['case_id', 'kind', 'at'])
    .where('case_id', 'in', [...caseIds])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The evidence of a decision (a registration's verdict), as stored. */
export async function decisionEvidence(db: Executor, decisionId: string | null) {
  if (!decisionId) return null;
  const row = await db
    .selectFrom('decisions')
    .select(['id', 'evidence'])
    .where('id', '=', decisionId)
    .executeTakeFirst();
  return row ?? null;
}

/** Follow-ups and quotes on a customer by the direct side (company staff) or by one partner's people. */
export async function activityOn(db: Executor, accountId: string, side: { partnerId: string | null }) {
  let followUps = db
    .selectFrom('follow_ups as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.min('f.at').as('first'),
      eb.fn.max('f.at').as('last'),
    ])
    .where('f.account_id', '=', accountId);
  let quotes = db
    .selectFrom('quotes as q')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.min('q.created_at').as('first'),
      eb.fn.max('q.created_at').as('last'),
    ])
    .where('q.account_id', '=', accountId);
  if (side.partnerId) {
    followUps = followUps.where('u.partner_id', '=', side.partnerId);
    quotes = quotes.where('q.partner_id', '=', side.partnerId);
  } else {
    followUps = followUps.where('u.partner_id', 'is', null);
    quotes = quotes.where('q.partner_id', 'is', null);
  }
  const [f, q] = await Promise.all([followUps.executeTakeFirstOrThrow(), quotes.executeTakeFirstOrThrow()]);
  const shape = (r: { count: number; first: unknown; last: unknown }) => ({
    count: Number(r.count),
    first: r.first ? new Date(r.first as string).toISOString() : null,
    last: r.last ? new Date(r.last as string).toISOString() : null,
  });
  return { followUps: shape(f), quotes: shape(q) };
}

/** The customer's open claim: who holds it and since when. */
export async function openClaim(db: Executor, accountId: string) {
  return db
    .selectFrom('ownership_claims')
    .select(['holder', 'user_id', 'partner_id', 'started_at'])
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export async function partnerNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; managerId: string | null }>();
  const rows = await db
    .selectFrom('partners')
    .select(['id', 'name', 'manager_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, managerId: r.manager_id }]));
}

export async function userNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function accountNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'legal_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.legal_name]));
}

/**
 * Who is told about a case on a partner's side, in one round trip: the registration's submitter first, then
 * the partner's active admins.
 */
export async function registrationPeople(db: Executor, partnerId: string, registrationId: string | null) {
  const rows = await sql<{ id: string }>`
    select submitted_by as id, 0 as n from registrations where id = ${registrationId}::uuid
    union all
    select id, 1 from users where partner_id = ${partnerId}::uuid and status = 'active' and role = 'partner_admin'
    order by n
  `.execute(db);
  return [...new Set(rows.rows.map((r) => r.id))];
}

/**
 * Whom an overdue case escalates to: the partner's channel manager's own manager, else the manager of its
 * team; without either (or without a channel manager), every active sales-ops user.
 */
export async function escalationTargets(db: Executor, partnerId: string): Promise<string[]> {
  const row = await db
    .selectFrom('partners as p')
    .leftJoin('users as cm', 'cm.id', 'p.manager_id')
    .leftJoin('teams as t', 't.id', 'cm.team_id')
    .select(['cm.manager_id as boss', 't.manager_id as teamBoss', 'cm.id as cm'])
    .where('p.id', '=', partnerId)
    .executeTakeFirst();
  const boss = [row?.boss, row?.teamBoss].find((id) => id && id !== row?.cm);
  if (boss) {
    const active = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', boss)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (active) return [active.id];
  }
  const ops = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'sales_ops')
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(20)
    .execute();
  return ops.map((r) => r.id);
}

/** Open cases past a due instant and not yet escalated, locked for the sweep (others skip them). */
export async function dueCases(db: Executor, now: string, limit: number) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('status', 'in', [...OPEN])
    .where('escalated_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('decide_by', '<', now),
        eb.and([eb('first_response_at', 'is', null), eb('respond_by', '<', now)]),
      ]),
    )
    .orderBy('decide_by')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
