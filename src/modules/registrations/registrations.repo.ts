import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RegistrationSettingsTable, RegistrationTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/index.js';
import type { Actor, Role } from '../access/index.js';

export type RegistrationRow = Selectable<RegistrationTable>;
export type SettingsRow = Selectable<RegistrationSettingsTable>;

/** Statuses in which a registration holds its customer (its protection rows and match keys are live). */
export const HOLDING = ['submitted', 'returned', 'resubmitted', 'approved', 'won'] as const;

export async function settings(db: Executor) {
  return db.selectFrom('registration_settings').selectAll().executeTakeFirstOrThrow();
}

export async function updateSettings(db: Executor, patch: Updateable<RegistrationSettingsTable>) {
  return db
    .updateTable('registration_settings')
    .set({ ...patch, updated_at: sql<string>`now()` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The settings and the organisation's time zone, in one round trip: every registration use case reads both. */
export async function settingsAndTimeZone(db: Executor) {
  const { time_zone: timeZone, ...settings } = await db
    .selectFrom('registration_settings')
    .innerJoin('organization', (join) => join.on(sql<boolean>`true`))
    .selectAll('registration_settings')
    .select('organization.time_zone')
    .executeTakeFirstOrThrow();
  return { settings, timeZone };
}

export async function timeZone(db: Executor) {
  const row = await db.selectFrom('organization').select('time_zone').executeTakeFirstOrThrow();
  return row.time_zone;
}

export async function insertRegistration(db: Executor, row: Insertable<RegistrationTable>) {
  return db.insertInto('registrations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRegistration(db: Executor, id: string, patch: Updateable<RegistrationTable>) {
  return db
    .updateTable('registrations')
    .set({ ...patch, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findVisibleRegistration(db: Executor, actor: Actor, id: string, forUpdate = false) {
  const query = db
    .selectFrom('registrations')
    .selectAll()
    .where('id', '=', id)
    .where(visible('registration', actor));
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function findRegistration(db: Executor, id: string, forUpdate = false) {
  const query = db.selectFrom('registrations').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function listVisibleRegistrations(
  db: Executor,
  actor: Actor,
  filter: { status?: RegistrationRow['status'] | undefined; queue?: boolean | undefined },
  page: Page,
) {
  let query = db.selectFrom('registrations').where(visible('registration', actor));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.queue) query = query.where('status', 'in', ['submitted', 'resubmitted']);
  const [items, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', filter.queue ? 'asc' : 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Registrations holding a customer that carry any of these blocking keys (the candidates to score). */
export async function registrationsWithKeys(db: Executor, keys: readonly string[], excludeId: string | null) {
  if (keys.length === 0) return [];
  let query = db
    .selectFrom('registrations as r')
    .select(['r.id', 'r.partner_id', 'r.features', 'r.protected_until', 'r.status'])
    .where('r.id', 'in', (eb) =>
      eb
        .selectFrom('registration_match_keys')
        .select('registration_id')
        .where('key', 'in', [...keys]),
    )
    .where('r.status', 'in', [...HOLDING]);
  if (excludeId) query = query.where('r.id', '<>', excludeId);
  return query.limit(200).execute();
}

export async function protectionsOf(db: Executor, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return [];
  return db
    .selectFrom('registration_protections')
    .select(['registration_id', 'customer_key', 'line_key'])
    .where('registration_id', 'in', [...registrationIds])
    .where('active', '=', true)
    .execute();
}

/** Held protections on these customers, with the holding registration's partner and end. */
export async function heldProtections(
  db: Executor,
  customerKeys: readonly string[],
  excludeId: string | null,
) {
  if (customerKeys.length === 0) return [];
  let query = db
    .selectFrom('registration_protections as p')
    .innerJoin('registrations as r', 'r.id', 'p.registration_id')
    .select([
      'p.registration_id',
      'p.customer_key',
      'p.line_key',
      'r.partner_id',
      'r.protected_until',
      'r.status',
    ])
    .where('p.customer_key', 'in', [...customerKeys])
    .where('p.active', '=', true);
  if (excludeId) query = query.where('p.registration_id', '<>', excludeId);
  return query.execute();
}

export async function insertProtections(
  db: Executor,
  registrationId: string,
  customerKey: string,
  lineKeys: readonly string[],
) {
  await db
    .insertInto('registration_protections')
    .values(
      lineKeys.map((line_key) => ({ registration_id: registrationId, customer_key: customerKey, line_key })),
    )
    .execute();
}

/**
 * Approval's write, in one statement: the registration as approved, and its protection rows keyed by the
 * account it now holds (`customerKey`), so later matches meet the account's key.
 */
export async function approveRegistration(
  db: Executor,
  id: string,
  customerKey: string,
  patch: Updateable<RegistrationTable>,
) {
  return db
    .with('rekeyed', (q) =>
      q
        .updateTable('registration_protections')
        .set({ customer_key: customerKey })
        .where('registration_id', '=', id)
        .where('active', '=', true),
    )
    .updateTable('registrations')
    .set({ ...patch, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Lets the customer go: the registration no longer holds it, and no longer turns up as a candidate. One
 * statement (PostgreSQL runs a data-modifying CTE whether or not the outer statement reads it).
 */
export async function releaseHold(db: Executor, registrationId: string) {
  await sql`
    with released as (delete from registration_protections where registration_id = ${registrationId}::uuid)
    delete from registration_match_keys where registration_id = ${registrationId}::uuid
  `.execute(db);
}

/**
 * A submission's hold, in one statement: the protection rows and the blocking keys. Returns false, having
 * held nothing it can keep, when another registration already holds the customer (a protection row met the
 * partial unique index — or waited on a racing writer's and found it committed): the caller starts again and
 * matches against the winner. The caller's transaction must not commit after false: match keys went in.
 */
export async function holdCustomer(
  db: Executor,
  registrationId: string,
  customerKey: string,
  lineKeys: readonly string[],
  keys: readonly string[],
): Promise<boolean> {
  const result = await sql<{ held: number }>`
    with held as (
      insert into registration_protections (registration_id, customer_key, line_key)
      select ${registrationId}::uuid, ${customerKey}, line_key from unnest(${[...lineKeys]}::text[]) as l(line_key)
      on conflict do nothing
      returning line_key
    ), keyed as (
      insert into registration_match_keys (registration_id, key)
      select distinct ${registrationId}::uuid, key from unnest(${[...keys]}::text[]) as k(key)
      on conflict do nothing
    )
    select count(*)::int as held from held
  `.execute(db);
  return result.rows[0]!.held === new Set(lineKeys).size;
}

export async function insertMatchKeys(db: Executor, registrationId: string, keys: readonly string[]) {
  if (keys.length === 0) return;
  await db
    .insertInto('registration_match_keys')
    .values([...new Set(keys)].map((key) => ({ registration_id: registrationId, key })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** What the ownership ledger's projection says about who holds an account now. */
export async function accountHolder(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('ownership_claims as c', (join) =>
      join.onRef('c.account_id', '=', 'a.id').on('c.ended_at', 'is', null),
    )
    .select([
      'a.id',
      'a.status',
      'a.owner_id',
      'a.partner_id',
      'a.pool_id',
      'a.queue_team_id',
      'c.ends_at',
      'c.holder',
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
}

/** The latest follow-up on the account by someone of the company (not a partner's people) since `since`. */
export async function lastDirectFollowUp(db: Executor, accountId: string, since: string) {
  const row = await db
    .selectFrom('follow_ups as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select((eb) => eb.fn.max('f.at').as('at'))
    .where('f.account_id', '=', accountId)
    .where('u.partner_id', 'is', null)
    .where('f.at', '>=', since)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** Registrations whose protection ended before `today` without a win. */
export async function dueRegistrations(db: Executor, today: string, limit: number) {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('status', 'in', ['submitted', 'returned', 'resubmitted', 'approved'])
    .where('protected_until', '<', today)
    .orderBy('protected_until')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Counts one availability lookup in the current minute; returns the count so far. */
export async function countLookup(db: Executor, userId: string) {
  const row = await sql<{ count: number }>`
    insert into registration_lookups (user_id, minute, count) values (${userId}, date_trunc('minute', now()), 1)
    on conflict (user_id, minute) do update set count = registration_lookups.count + 1
    returning count
  `.execute(db);
  return row.rows[0]!.count;
}

/** The codes of product lines, as the territory fence names them. */
export async function productLineCodes(db: Executor, ids: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('product_lines')
    .select('code')
    .where('id', 'in', ids)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/**
 * The reviewers told about a registration: the partner's channel manager when that person may review;
 * otherwise everyone active whose role reviews (`roles`), so a registration never waits unseen.
 */
export async function reviewersOf(db: Executor, partnerId: string, roles: readonly Role[]) {
  const partner = await db
    .selectFrom('partners as p')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'p.manager_id').on('u.status', '!=', 'inactive').on('u.partner_id', 'is', null),
    )
    .select(['p.name', 'u.id as manager_id', 'u.role as manager_role'])
    .where('p.id', '=', partnerId)
    .executeTakeFirst();
  const name = partner?.name ?? '';
  if (partner?.manager_id && roles.includes(partner.manager_role as Role))
    return { partnerName: name, userIds: [partner.manager_id] };
  if (roles.length === 0) return { partnerName: name, userIds: [] };
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('partner_id', 'is', null)
    .where('status', '!=', 'inactive')
    .where('role', 'in', [...roles])
    .orderBy('id')
    .execute();
  return { partnerName: name, userIds: rows.map((r) => r.id) };
}

/**
 * Registrations whose protection ends within the largest of `thresholds` days (counted as the partner's
 * countdown counts them: the last protected day is day 1) with a warning due and not yet sent for this end.
 */
export async function expiringRegistrations(
  db: Executor,
  today: string,
  thresholds: readonly number[],
  limit: number,
) {
  if (thresholds.length === 0) return [];
  const horizon = Math.max(...thresholds);
  return sql<{
    id: string;
    partner_id: string;
    submitted_by: string;
    name: string;
    legal_name: string;
    account_id: string | null;
    status: RegistrationRow['status'];
    protected_until: string;
    days_left: number;
    sent: number[];
  }>`
    select r.id, r.partner_id, r.submitted_by, r.name, r.legal_name, r.account_id, r.status,
      to_char(r.protected_until, 'YYYY-MM-DD') as protected_until,
      (r.protected_until - ${today}::date + 1)::int as days_left,
      array(select m.days from registration_reminders m
            where m.registration_id = r.id and m.protected_until = r.protected_until) as sent
    from registrations r
    where r.status in ('submitted', 'returned', 'resubmitted', 'approved')
      and r.protected_until >= ${today}::date
      and r.protected_until < ${today}::date + ${horizon}::int
      and exists (
        select 1 from unnest(${[...thresholds]}::int[]) k
        where r.protected_until - ${today}::date + 1 <= k
          and not exists (select 1 from registration_reminders m
            where m.registration_id = r.id and m.protected_until = r.protected_until and m.days = k))
    order by r.protected_until, r.id
    limit ${limit}
  `
    .execute(db)
    .then((r) => r.rows);
}

/** Records warnings as sent; returns the ones this call recorded (another node may have been first). */
export async function insertReminders(
  db: Executor,
  rows: readonly { registration_id: string; protected_until: string; days: number }[],
) {
  if (rows.length === 0) return [];
  return db
    .insertInto('registration_reminders')
    .values([...rows])
    .onConflict((oc) => oc.doNothing())
    .returning(['registration_id', 'days'])
    .execute();
}
