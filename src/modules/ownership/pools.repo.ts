import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PoolTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { teamSubtree } from '../../kernel/visibility.js';
import type { PoolRow } from './ledger.repo.js';

export async function insertPool(db: Executor, row: Insertable<PoolTable>) {
  return db.insertInto('pools').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePool(db: Executor, id: string, patch: Updateable<PoolTable>) {
  return db
    .updateTable('pools')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPool(db: Executor, id: string, forUpdate = false) {
  let q = db.selectFrom('pools').selectAll().where('id', '=', id).where('archived_at', 'is', null);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listPools(db: Executor) {
  return db.selectFrom('pools').selectAll().where('archived_at', 'is', null).orderBy('name').execute();
}

export async function poolSizes(db: Executor) {
  const rows = await db
    .selectFrom('accounts')
    .select(['pool_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('pool_id', 'is not', null)
    .where('status', '=', 'active')
    .groupBy('pool_id')
    .execute();
  return new Map(rows.map((r) => [r.pool_id!, Number(r.n)]));
}

/** Is the user in any of the teams (or below them)? */
export async function inTeams(db: Executor, userTeamId: string | null, teamIds: readonly string[]) {
  if (!userTeamId || teamIds.length === 0) return false;
  for (const t of teamIds) {
    const row = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', userTeamId)
      .where('id', 'in', teamSubtree(t))
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

export async function pooledAccounts(
  db: Executor,
  poolId: string,
  filter: { q?: string | undefined; regionCode?: string | undefined; id?: string },
  page: Page,
) {
  let q = db
    .selectFrom('accounts as a')
    .innerJoin('ownership_claims as c', (j) =>
      j.onRef('c.account_id', '=', 'a.id').on('c.ended_at', 'is', null),
    )
    .where('a.pool_id', '=', poolId)
    .where('a.status', '=', 'active');
  if (filter.id) q = q.where('a.id', '=', filter.id);
  if (filter.q) q = q.where('a.legal_name', 'like', `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.regionCode) q = q.where('a.region_code', 'like', `${filter.regionCode.replace(/0+$/, '')}%`);
  const [items, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.legal_name',
        'a.region_code',
        'a.industry_code',
        'a.grade',
        'a.phones',
        'a.emails',
        'c.started_at',
      ])
      .orderBy('c.started_at', 'desc')
      .orderBy('a.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type PooledRow = Awaited<ReturnType<typeof pooledAccounts>>['items'][number];

/** Which of these accounts the user held before (ended claims), with the latest end. */
export async function formerlyHeld(db: Executor, userId: string, accountIds: readonly string[]) {
  if (accountIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('ownership_claims')
    .select(['account_id', (eb) => eb.fn.max('ended_at').as('ended_at')])
    .where('user_id', '=', userId)
    .where('account_id', 'in', [...accountIds])
    .where('ended_at', 'is not', null)
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, r.ended_at as string]));
}

/** What a claimant holds and has claimed today: what the pool's limits count. */
export async function holdings(db: Executor, userId: string, dayStart: string) {
  const row = await db
    .selectFrom('ownership_claims as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      sql<number>`count(*) filter (where c.ended_at is null and c.kind in ('protected', 'long_term') and a.won_at is null)::int`.as(
        'owned',
      ),
      sql<number>`count(*) filter (where c.ended_at is null and c.kind in ('protected', 'long_term') and a.won_at is not null)::int`.as(
        'won',
      ),
      sql<number>`count(*) filter (where c.ended_at is null and c.kind = 'locked')::int`.as('locked'),
      sql<number>`count(*) filter (where c.via = 'claim' and c.started_at >= ${dayStart}::timestamptz)::int`.as(
        'claimed_today',
      ),
    ])
    .where('c.user_id', '=', userId)
    .where('a.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return row;
}

/** Was this account in this pool at some point (so a later claimant is told it was taken, not "no such")? */
export async function wasInPool(db: Executor, accountId: string, poolId: string) {
  const row = await db
    .selectFrom('ownership_claims')
    .select('id')
    .where('account_id', '=', accountId)
    .where('pool_id', '=', poolId)
    .executeTakeFirst();
  return !!row;
}

/** Records a pool record opened today; whether it is the first time today (a new row). */
export async function recordView(db: Executor, userId: string, day: string, accountId: string) {
  const row = await db
    .insertInto('pool_views')
    .values({ user_id: userId, day, account_id: accountId })
    .onConflict((oc) => oc.doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return !!row;
}

export async function viewsOn(db: Executor, userId: string, day: string, accountId: string) {
  const row = await db
    .selectFrom('pool_views')
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<boolean>`bool_or(account_id = ${accountId})`.as('seen'),
    ])
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), seen: !!row.seen };
}

export async function userBrief(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'status', 'role', 'team_id', 'partner_id', 'manager_id', 'display_name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type { PoolRow };

/**
 * Each member's result over [start, end) by the measure: won amounts in the organisation's currency (other
 * currencies are not added to it), won deals, or follow-ups logged. Members: internal reps and managers still
 * here, in the member teams (or below them) — everyone when the pool names no team.
 */
export async function memberStandings(
  db: Executor,
  input: {
    memberTeamIds: readonly string[];
    measure: 'won_amount' | 'won_count' | 'follow_ups';
    start: string;
    end: string;
    currency: string;
    alsoUserId: string;
  },
) {
  const { start, end } = input;
  const value =
    input.measure === 'follow_ups'
      ? sql<string>`(select count(*) from follow_ups f
          where f.user_id = u.id and f.at >= ${start}::timestamptz and f.at < ${end}::timestamptz)`
      : input.measure === 'won_count'
        ? sql<string>`(select count(*) from opportunities o
          where o.owner_id = u.id and o.status = 'won'
            and o.closed_at >= ${start}::timestamptz and o.closed_at < ${end}::timestamptz)`
        : sql<string>`(select coalesce(sum(o.amount_minor), 0) from opportunities o
          where o.owner_id = u.id and o.status = 'won' and o.currency = ${input.currency}
            and o.closed_at >= ${start}::timestamptz and o.closed_at < ${end}::timestamptz)`;
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', value.as('value')])
    .where((eb) =>
      eb.or([
        eb('u.id', '=', input.alsoUserId),
        eb.and([
          eb('u.status', '<>', 'inactive'),
          eb('u.partner_id', 'is', null),
          eb('u.role', 'in', ['rep', 'manager']),
          ...(input.memberTeamIds.length > 0
            ? [eb.or(input.memberTeamIds.map((t) => eb('u.team_id', 'in', teamSubtree(t))))]
            : []),
        ]),
      ]),
    )
    .execute();
  return rows.map((r) => ({ userId: r.id, value: BigInt(r.value) }));
}
