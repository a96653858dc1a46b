import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AssignmentApplyTable, AssignmentRuleSetTable, UserAbsenceTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { teamSubtree, visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { RuleSetStatus } from './assignment.schema.js';
import type { Cursor } from './engine.js';

export type RuleSetRow = Selectable<AssignmentRuleSetTable>;
export type AbsenceRow = Selectable<UserAbsenceTable>;

// ---- rule sets ----

export async function insertRuleSet(
  db: Executor,
  row: {
    name: string;
    rules: string;
    based_on: string | null;
    created_by: string | null;
    key_account_manager_first?: boolean;
  },
): Promise<RuleSetRow> {
  return db.insertInto('assignment_rule_sets').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRuleSet(db: Executor, id: string): Promise<RuleSetRow | undefined> {
  return db.selectFrom('assignment_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function publishedRuleSet(db: Executor): Promise<RuleSetRow | undefined> {
  return db
    .selectFrom('assignment_rule_sets')
    .selectAll()
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** The set and the one live now, locked in id order (the kernel's row lock order). */
export async function lockForPublish(db: Executor, id: string): Promise<RuleSetRow[]> {
  return db
    .selectFrom('assignment_rule_sets')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('status', '=', 'published')]))
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function lockRuleSet(db: Executor, id: string): Promise<RuleSetRow | undefined> {
  return db
    .selectFrom('assignment_rule_sets')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listRuleSets(db: Executor, status: RuleSetStatus | undefined, page: Page) {
  let query = db.selectFrom('assignment_rule_sets');
  if (status) query = query.where('status', '=', status);
  const [items, count] = await Promise.all([
    query
      .selectAll()
      // Drafts first (the work), then versions newest first.
      .orderBy((eb) => eb.case().when('status', '=', 'draft').then(0).else(1).end())
      .orderBy('version', (o) => o.desc().nullsFirst())
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function updateRuleSet(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<
      RuleSetRow,
      | 'name'
      | 'status'
      | 'version'
      | 'published_by'
      | 'published_at'
      | 'retired_at'
      | 'decision_id'
      | 'key_account_manager_first'
    >
  > & { rules?: string },
): Promise<RuleSetRow> {
  return db
    .updateTable('assignment_rule_sets')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function nextVersion(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('assignment_rule_sets')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirstOrThrow();
  return (row.v ?? 0) + 1;
}

// ---- cursors ----

const toCursor = (r: { position: string; last_user_id: string | null }): Cursor => ({
  position: Number(r.position),
  lastUserId: r.last_user_id,
});

export async function ensureCursors(db: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insertInto('assignment_cursors')
    .values([...keys].sort().map((rule_key) => ({ rule_key })))
    .onConflict((oc) => oc.column('rule_key').doNothing())
    .execute();
}

/**
 * The rules' cursors, locked for this unit of work in key order: two creates rotating through one rule take
 * turns here, on one node or many, and the second reads the loads the first committed.
 */
export async function lockCursors(db: Executor, keys: readonly string[]): Promise<Map<string, Cursor>> {
  if (keys.length === 0) return new Map();
  await ensureCursors(db, keys);
  const rows = await db
    .selectFrom('assignment_cursors')
    .select(['rule_key', 'position', 'last_user_id'])
    .where('rule_key', 'in', [...keys])
    .orderBy('rule_key')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.rule_key, toCursor(r)]));
}

/** Cursors as they stand, unlocked: for a what-if, which moves none. */
export async function readCursors(db: Executor, keys: readonly string[]): Promise<Map<string, Cursor>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('assignment_cursors')
    .select(['rule_key', 'position', 'last_user_id'])
    .where('rule_key', 'in', [...keys])
    .execute();
  return new Map(rows.map((r) => [r.rule_key, toCursor(r)]));
}

export async function saveCursor(db: Executor, key: string, cursor: Cursor): Promise<void> {
  await db
    .updateTable('assignment_cursors')
    .set({ position: cursor.position, last_user_id: cursor.lastUserId, updated_at: new Date().toISOString() })
    .where('rule_key', '=', key)
    .execute();
}

// ---- people and what rules name ----

export async function existingIds(
  db: Executor,
  ids: { users: readonly string[]; teams: readonly string[]; pools: readonly string[] },
) {
  const [users, teams, pools] = await Promise.all([
    ids.users.length
      ? db
          .selectFrom('users')
          .select('id')
          .where('id', 'in', [...ids.users])
          .where('partner_id', 'is', null)
          .execute()
      : [],
    ids.teams.length
      ? db
          .selectFrom('teams')
          .select('id')
          .where('id', 'in', [...ids.teams])
          .execute()
      : [],
    ids.pools.length
      ? db
          .selectFrom('pools')
          .select('id')
          .where('id', 'in', [...ids.pools])
          .where('archived_at', 'is', null)
          .execute()
      : [],
  ]);
  const set = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  return { users: set(users), teams: set(teams), pools: set(pools) };
}

/** Reps (and, if asked, managers) of a team and its sub-teams. */
export async function teamMembers(db: Executor, teamId: string, includeManagers: boolean) {
  return db
    .selectFrom('users')
    .select(['id', 'status'])
    .where('team_id', 'in', teamSubtree(teamId))
    .where('role', 'in', includeManagers ? ['rep', 'manager'] : ['rep'])
    .orderBy('id')
    .execute();
}

export async function userStatuses(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'status'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Absences of these users that cover `date` (or, with no date, that have not ended by `from`). */
export async function absencesOf(db: Executor, ids: readonly string[], from: string, to = from) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('user_absences')
    .select(['user_id', 'starts_on', 'ends_on'])
    .where('user_id', 'in', [...ids])
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .execute();
}

export async function capacities(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, number | null>();
  const rows = await db
    .selectFrom('user_capacity')
    .select(['user_id', 'max_accounts'])
    .where('user_id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.max_accounts]));
}

/** Open accounts each user holds (owned, long-term or locked): the load capacity and least-loaded read. */
export async function heldCounts(db: Executor, ids?: readonly string[]) {
  if (ids?.length === 0) return new Map<string, number>();
  let query = db
    .selectFrom('ownership_claims')
    .select(['user_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('holder', '=', 'user')
    .where('ended_at', 'is', null);
  if (ids) query = query.where('user_id', 'in', [...ids]);
  const rows = await query.groupBy('user_id').execute();
  return new Map(rows.map((r) => [r.user_id!, Number(r.n)]));
}

/** Deals each user won between two organisation-local dates (`to` exclusive). */
export async function wonBetween(
  db: Executor,
  ids: readonly string[],
  period: { from: string; to: string },
  timeZone: string,
) {
  if (ids.length === 0) return new Map<string, number>();
  const localDay = sql`(opportunities.closed_at at time zone ${timeZone})::date`;
  const rows = await db
    .selectFrom('opportunities')
    .select(['owner_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'won')
    .where('owner_id', 'in', [...ids])
    .where(sql<boolean>`${localDay} >= ${period.from}::date and ${localDay} < ${period.to}::date`)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_id!, Number(r.n)]));
}

export async function orgTimeZone(db: Executor): Promise<string> {
  const row = await db.selectFrom('organization').select('time_zone').executeTakeFirstOrThrow();
  return row.time_zone;
}

export async function names(db: Executor, ids: { users: string[]; teams: string[]; pools: string[] }) {
  const pick = async (table: 'users' | 'teams' | 'pools', list: string[]) => {
    if (list.length === 0) return [];
    if (table === 'users')
      return db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', list).execute();
    return db.selectFrom(table).select(['id', 'name']).where('id', 'in', list).execute();
  };
  const rows = (
    await Promise.all([pick('users', ids.users), pick('teams', ids.teams), pick('pools', ids.pools)])
  ).flat();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- accounts as rules read them ----

export type AccountWithHolder = Awaited<ReturnType<typeof accountsWithHolders>>[number];

/**
 * Active accounts with what rules read and who holds them now, as the ownership module projects its open
 * claim onto the account (owner, queue team, pool, partner), and whether that claim is a lock: the ones
 * named, or a page of all of them in creation order (keyset `after`, created no later than `createdBy`).
 */
export async function accountsWithHolders(
  db: Executor,
  select:
    | { ids: readonly string[] }
    | { after: { createdAt: string; id: string } | null; createdBy?: string; limit: number },
) {
  let query = db
    .selectFrom('accounts')
    .leftJoin('ownership_claims as c', (j) =>
      j.onRef('c.account_id', '=', 'accounts.id').on('c.ended_at', 'is', null),
    )
    .select([
      'accounts.id',
      // To the microsecond, as stored: a keyset cursor rounded to milliseconds would read a row twice.
      sql<string>`to_char(accounts.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'created_at',
      ),
      'accounts.legal_name',
      'accounts.region_code',
      'accounts.industry_code',
      'accounts.size',
      'accounts.source',
      'accounts.tags',
      'accounts.parent_id',
      'accounts.owner_id',
      'accounts.partner_id',
      'accounts.pool_id',
      'accounts.queue_team_id',
      'c.kind',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('accounts as child')
              .select('child.id')
              .whereRef('child.parent_id', '=', 'accounts.id'),
          )
          .as('is_group'),
    ])
    .where('accounts.status', '=', 'active');
  if ('ids' in select) {
    if (select.ids.length === 0) return [];
    return query.where(sql<boolean>`accounts.id = any(${[...select.ids]}::uuid[])`).execute();
  }
  const { after, createdBy, limit } = select;
  if (after)
    query = query.where(
      sql<boolean>`(accounts.created_at, accounts.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`,
    );
  if (createdBy) query = query.where('accounts.created_at', '<=', createdBy);
  return query.orderBy('accounts.created_at').orderBy('accounts.id').limit(limit).execute();
}

/**
 * The key-account manager of each account's group: the first `key_account_manager` (still on the team) on
 * the account team of the group's topmost parent — the group as `ownership/group.ts` shows it, reached
 * along `parent_id` (at most 20 hops). Keyed by the id each walk started from (an account, or the parent
 * a new account is entered under).
 */
export async function groupKeyAccountManagers(db: Executor, starts: readonly string[]) {
  if (starts.length === 0) return new Map<string, { groupId: string; userId: string }>();
  const { rows } = await sql<{ origin: string; group_id: string; user_id: string }>`
    with recursive up as (
      select a.id as origin, a.id, a.parent_id, 0 as hops
      from accounts a where a.id = any(${[...new Set(starts)]}::uuid[])
      union all
      select up.origin, a.id, a.parent_id, up.hops + 1 from accounts a join up on a.id = up.parent_id
      where up.hops < 20
    ), root as (select distinct on (origin) origin, id from up order by origin, hops desc)
    select distinct on (root.origin) root.origin, root.id as group_id, t.user_id
    from root join account_team t on t.account_id = root.id
    where t.role = 'key_account_manager' and (t.until is null or t.until > now())
    order by root.origin, t.added_at, t.user_id
  `.execute(db);
  return new Map(rows.map((r) => [r.origin, { groupId: r.group_id, userId: r.user_id }]));
}

// ---- applying a rule set to existing accounts ----

export type ApplyRow = Selectable<AssignmentApplyTable>;

export async function insertApply(
  db: Executor,
  row: { rule_set_id: string; accounts_before: string; created_by: string | null },
): Promise<ApplyRow> {
  return db.insertInto('assignment_applies').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function setApplyJob(db: Executor, id: string, jobId: string) {
  await db.updateTable('assignment_applies').set({ job_id: jobId }).where('id', '=', id).execute();
}

export async function findApply(db: Executor, id: string, lock = false): Promise<ApplyRow | undefined> {
  const query = db.selectFrom('assignment_applies').selectAll().where('id', '=', id);
  return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function latestApply(db: Executor, ruleSetId: string): Promise<ApplyRow | undefined> {
  return db
    .selectFrom('assignment_applies')
    .selectAll()
    .where('rule_set_id', '=', ruleSetId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateApply(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<
      ApplyRow,
      | 'status'
      | 'total'
      | 'after_created_at'
      | 'after_id'
      | 'decided'
      | 'moved'
      | 'skipped'
      | 'error'
      | 'finished_at'
    >
  >,
) {
  await db
    .updateTable('assignment_applies')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function insertApplyItems(
  db: Executor,
  rows: readonly {
    apply_id: string;
    account_id: string;
    outcome: 'moved' | 'skipped';
    reason: string | null;
    decision_id: string | null;
  }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('assignment_apply_items')
    .values([...rows])
    .execute();
}

export async function applyItems(db: Executor, applyId: string, outcome: 'moved' | 'skipped', page: Page) {
  return db
    .selectFrom('assignment_apply_items as i')
    .innerJoin('accounts as a', 'a.id', 'i.account_id')
    .select(['i.account_id', 'a.legal_name', 'i.outcome', 'i.reason', 'i.decision_id'])
    .where('i.apply_id', '=', applyId)
    .where('i.outcome', '=', outcome)
    .orderBy('a.created_at')
    .orderBy('i.account_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Locks accounts in id order (the kernel's row lock order), before deciding them. */
export async function lockAccountRows(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .selectFrom('accounts')
    .select('id')
    .where(sql<boolean>`id = any(${[...ids]}::uuid[])`)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Active accounts created no later than `createdBy`: what an apply run goes through. */
export async function countAccounts(db: Executor, createdBy: string) {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'active')
    .where('created_at', '<=', createdBy)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- absences and capacity ----

export async function visibleUser(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.status'])
    .where(visible('user', actor))
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export async function listAbsences(db: Executor, userId: string): Promise<AbsenceRow[]> {
  return db
    .selectFrom('user_absences')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('starts_on', 'desc')
    .orderBy('id')
    .execute();
}

export async function insertAbsence(
  db: Executor,
  row: {
    user_id: string;
    starts_on: string;
    ends_on: string;
    note: string | null;
    created_by: string | null;
  },
): Promise<AbsenceRow> {
  return db.insertInto('user_absences').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteAbsence(
  db: Executor,
  userId: string,
  id: string,
): Promise<AbsenceRow | undefined> {
  return db
    .deleteFrom('user_absences')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

export async function upsertCapacity(db: Executor, userId: string, max: number | null, by: string | null) {
  await db
    .insertInto('user_capacity')
    .values({ user_id: userId, max_accounts: max, updated_by: by })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ max_accounts: max, updated_by: by, updated_at: new Date().toISOString() }),
    )
    .execute();
}
