import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { ClaimRow } from './ledger.repo.js';
import type { TeamRole } from './ownership.schema.js';

export async function visibleAccount(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'legal_name', 'status', 'owner_id', 'pool_id', 'grade', 'won_at'])
    .where(visible('account', actor))
    .where('accounts.id', '=', id)
    .executeTakeFirst();
}

export async function visibleAccountIds(db: Executor, actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where(visible('account', actor))
    .where('accounts.id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** An instant as the pg driver hands timestamps to the app ('YYYY-MM-DDTHH:MM:SS.mmmZ'), for JSON built in SQL. */
const isoText = (column: string) =>
  sql<string | null>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface OwnershipFacts {
  timeZone: string;
  /** Every claim on the account, newest first. */
  history: ClaimRow[];
  team: { user_id: string; role: TeamRole; credit_bp: number; until: string | null }[];
  /** Display names: the account team's, and of the people in the history whom the actor may see. */
  users: Map<string, string>;
  /** Names of the teams and pools named in the history or the open claim's deadline; pools say if in use. */
  places: Map<string, { name: string; active: boolean }>;
}

/**
 * Everything "why is X the owner" reads, in one statement and so one round trip: the account as the actor
 * may see it (nothing else is read when it may not), its claims, its team, the organisation's time zone, and
 * the names of the people (by the user policy), teams and pools they mention. Null when the account is out
 * of sight or does not exist. One statement rather than several side by side: on a busy database each extra
 * statement is another wait for a backend to be scheduled, and that wait, not the reading, was the cost.
 */
export async function ownershipFacts(
  db: Executor,
  actor: Actor,
  accountId: string,
): Promise<OwnershipFacts | null> {
  const account = db
    .selectFrom('accounts')
    .select('accounts.id')
    .where(visible('account', actor))
    .where('accounts.id', '=', accountId);
  // The account's team is named to whoever sees the account — people working one customer must know each
  // other (a former owner kept on it, a new owner taking over); anyone else only by the user policy.
  const people = db
    .selectFrom('users')
    .select(['users.id', 'users.display_name'])
    .where((eb) =>
      eb.or([
        sql<SqlBool>`users.id in (select user_id from team)`,
        eb.and([
          sql<SqlBool>`users.id in (select user_id from hist union select made_by from hist)`,
          visible('user', actor)(eb),
        ]),
      ]),
    );
  const query = sql<
    Partial<ClaimRow> & {
      time_zone: string;
      team: { userId: string; role: TeamRole; creditBp: number; until: string | null }[];
      people: [string, string][];
      places: [string, string, boolean][];
    }
  >`
    with acc as ${account},
    hist as (select c.* from ownership_claims c where c.account_id = ${accountId} and exists (select from acc)),
    team as (
      select t.user_id, t.role, t.credit_bp, t.until, t.added_at from account_team t
      where t.account_id = ${accountId} and exists (select from acc)
    ),
    people as ${people},
    places as (
      select id, name, archived_at is null as active from pools
      where id in (select pool_id from hist union
        select (ends_rule -> 'rule' ->> 'poolId')::uuid from hist where ended_at is null)
      union all
      select id, name, true from teams where id in (select team_id from hist)
    )
    select h.*,
      (select time_zone from organization) as time_zone,
      (select coalesce(json_agg(json_build_object('userId', user_id, 'role', role, 'creditBp', credit_bp,
        'until', ${isoText('until')}) order by added_at), '[]') from team) as team,
      (select coalesce(json_agg(json_build_array(id, display_name)), '[]') from people) as people,
      (select coalesce(json_agg(json_build_array(id, name, active)), '[]') from places) as places
    from acc left join hist h on true
    order by h.started_at desc, h.id
  `.compile(db);
  const { rows } = await db.executeQuery(query);
  const first = rows[0];
  if (!first) return null;
  return {
    timeZone: first.time_zone,
    history: rows
      .filter((r) => r.id != null)
      .map(({ time_zone: _tz, team: _team, people: _people, places: _places, ...c }) => c as ClaimRow),
    team: first.team.map((m) => ({
      user_id: m.userId,
      role: m.role,
      credit_bp: m.creditBp,
      until: m.until,
    })),
    users: new Map(first.people),
    places: new Map(first.places.map(([id, name, active]) => [id, { name, active }])),
  };
}

export async function accountTeam(db: Executor, accountId: string) {
  return db
    .selectFrom('account_team')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('added_at')
    .execute();
}

export async function replaceAccountTeam(
  db: Executor,
  accountId: string,
  rows: readonly {
    user_id: string;
    role: 'assisting_rep' | 'product_specialist' | 'key_account_manager' | 'former_owner';
    credit_bp: number;
    until: string | null;
    added_by: string | null;
  }[],
) {
  await db.deleteFrom('account_team').where('account_id', '=', accountId).execute();
  if (rows.length > 0)
    await db
      .insertInto('account_team')
      .values(rows.map((r) => ({ ...r, account_id: accountId })))
      .execute();
}

export async function addFormerOwners(
  db: Executor,
  rows: readonly { accountId: string; userId: string; until: string; addedBy: string | null }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('account_team')
    .values(
      rows.map((r) => ({
        account_id: r.accountId,
        user_id: r.userId,
        role: 'former_owner' as const,
        credit_bp: 0,
        until: r.until,
        added_by: r.addedBy,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['account_id', 'user_id']).doUpdateSet({ until: (eb) => eb.ref('excluded.until') }),
    )
    .execute();
}

/** Open opportunities of these accounts held by their former owner go with the customer. */
export async function moveOpenOpportunities(
  db: Executor,
  moves: readonly { accountId: string; from: string; to: string }[],
) {
  if (moves.length === 0) return 0;
  // One array per column, whatever the count (three parameters a row stop at 10,922 rows: a deactivation
  // hands over everything a person holds).
  const result = await sql`
    update opportunities o set owner_id = v.to_id, updated_at = now()
    from unnest(
      ${moves.map((m) => m.accountId)}::uuid[], ${moves.map((m) => m.from)}::uuid[], ${moves.map((m) => m.to)}::uuid[]
    ) as v (account_id, from_id, to_id)
    where o.account_id = v.account_id and o.owner_id = v.from_id and o.status = 'open'
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function managerOf(db: Executor, userId: string) {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select(sql<string | null>`coalesce(u.manager_id, nullif(t.manager_id, u.id))`.as('manager_id'))
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row?.manager_id ?? null;
}

export async function lockedCount(db: Executor, userId: string) {
  const row = await db
    .selectFrom('ownership_claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('kind', '=', 'locked')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The caller's customers with their claims, soonest deadline first (none last). */
export async function myCustomers(db: Executor, userId: string, page: Page) {
  const q = db
    .selectFrom('ownership_claims as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .where('c.user_id', '=', userId)
    .where('c.ended_at', 'is', null)
    .where('a.status', '=', 'active');
  const [items, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.legal_name',
        'a.region_code',
        'a.grade',
        'c.kind',
        'c.started_at',
        'c.ends_at',
        'c.ends_rule',
      ])
      .orderBy(sql`c.ends_at asc nulls last`)
      .orderBy('a.legal_name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function wonOpportunities(db: Executor, accountIds: readonly string[]) {
  if (accountIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('opportunities')
    .select(['account_id', (eb) => eb.fn.min('closed_at').as('won_at')])
    .where('account_id', 'in', [...accountIds])
    .where('status', '=', 'won')
    .groupBy('account_id')
    .execute();
  return new Map(rows.filter((r) => r.won_at).map((r) => [r.account_id, r.won_at as string]));
}

export async function setWonAt(db: Executor, accountId: string, wonAt: string) {
  await db
    .updateTable('accounts')
    .set({ won_at: wonAt })
    .where('id', '=', accountId)
    .where('won_at', 'is', null)
    .execute();
}

/** Customers a person holds now (owned, locked or long-term), for a handover. */
export async function heldBy(db: Executor, userId: string) {
  const rows = await db
    .selectFrom('ownership_claims as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select('c.account_id')
    .where('c.user_id', '=', userId)
    .where('c.ended_at', 'is', null)
    .where('a.status', '=', 'active')
    .execute();
  return rows.map((r) => r.account_id);
}

/** The group an account belongs to: its topmost parent and every account below it, with their holders. */
export async function groupOf(db: Executor, accountId: string) {
  const { rows } = await sql<{
    id: string;
    legal_name: string;
    parent_id: string | null;
    depth: number;
    owner_id: string | null;
    pool_id: string | null;
    partner_id: string | null;
    team_id: string | null;
    team_name: string | null;
    owner_name: string | null;
  }>`
    with recursive up as (
      select id, parent_id, 0 as hops from accounts where id = ${accountId}
      union all
      select a.id, a.parent_id, up.hops + 1 from accounts a join up on a.id = up.parent_id where up.hops < 20
    ), root as (select id from up order by hops desc limit 1),
    down as (
      select a.id, a.parent_id, 0 as depth from accounts a join root on a.id = root.id
      union all
      select a.id, a.parent_id, down.depth + 1 from accounts a join down on a.parent_id = down.id
      where down.depth < 20 and a.status = 'active'
    )
    select a.id, a.legal_name, a.parent_id, down.depth, a.owner_id, a.pool_id, a.partner_id,
      u.team_id, t.name as team_name, u.display_name as owner_name
    from down join accounts a on a.id = down.id
    left join users u on u.id = a.owner_id
    left join teams t on t.id = u.team_id
    order by down.depth, a.legal_name
    limit 500
  `.execute(db);
  return rows;
}

/** The active customers a partner holds: claims held by the partner itself or by one of its people. */
export async function heldByPartner(db: Executor, partnerId: string) {
  const rows = await db
    .selectFrom('ownership_claims as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select('c.account_id')
    .where('c.partner_id', '=', partnerId)
    .where('c.ended_at', 'is', null)
    .where('a.status', '=', 'active')
    .orderBy('c.account_id')
    .execute();
  return rows.map((r) => r.account_id);
}

export async function teamExists(db: Executor, teamId: string) {
  return !!(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst());
}
