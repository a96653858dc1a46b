import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { OverlapReason } from './reports.schema.js';

/**
 * Reports read the ownership ledger, follow-ups and access requests; they write nothing. Every window is a
 * pair of organisation-local dates turned into instants by the database (`date::timestamp at time zone`),
 * so a day begins at the organisation's midnight, daylight saving included, and weeks are local Mondays.
 */

export interface Window {
  from: string;
  to: string;
  timeZone: string;
}

const n = (v: unknown) => Number(v ?? 0);

/** The instants a window covers: from the first day's midnight up to (not including) the next day's. */
const lo = (w: Window) => sql`(${w.from}::date::timestamp at time zone ${w.timeZone})`;
const hi = (w: Window) => sql`((${w.to}::date + 1)::timestamp at time zone ${w.timeZone})`;
export const within = (column: RawBuilder<unknown>, w: Window) =>
  sql`${column} >= ${lo(w)} and ${column} < ${hi(w)}`;

export async function orgClock(db: Executor): Promise<{ timeZone: string; today: string }> {
  const row = await sql<{ time_zone: string; today: string }>`
    select time_zone, (now() at time zone time_zone)::date::text as today from organization limit 1
  `.execute(db);
  const r = row.rows[0];
  return { timeZone: r?.time_zone ?? 'UTC', today: r?.today ?? new Date().toISOString().slice(0, 10) };
}

export interface DistributionRowData {
  user_id: string;
  display_name: string;
  team_name: string | null;
  received: number;
  claimed: number;
  released: number;
  recovered: number;
  held: number;
}

/** Received, claimed, released and recovered in the window, and held now, per internal user still here. */
export async function distribution(db: Executor, w: Window): Promise<DistributionRowData[]> {
  const rows = await sql<Record<string, unknown>>`
    with started as (
      select user_id,
             count(*) filter (where via in ('admission', 'assignment', 'distribute', 'transfer')) as received,
             count(*) filter (where via = 'claim') as claimed
      from ownership_claims
      where holder = 'user' and ${within(sql.ref('started_at'), w)}
      group by user_id
    ), ended as (
      select user_id,
             count(*) filter (where end_reason in ('release', 'released')) as released,
             count(*) filter (where end_reason = 'recovered') as recovered
      from ownership_claims
      where holder = 'user' and ended_at is not null and ${within(sql.ref('ended_at'), w)}
      group by user_id
    ), held as (
      select oc.user_id, count(*) as held
      from ownership_claims oc join accounts a on a.id = oc.account_id
      where oc.holder = 'user' and oc.ended_at is null and a.status = 'active'
      group by oc.user_id
    )
    select u.id as user_id, u.display_name, t.name as team_name,
           coalesce(s.received, 0) as received, coalesce(s.claimed, 0) as claimed,
           coalesce(e.released, 0) as released, coalesce(e.recovered, 0) as recovered,
           coalesce(h.held, 0) as held
    from users u
    left join teams t on t.id = u.team_id
    left join started s on s.user_id = u.id
    left join ended e on e.user_id = u.id
    left join held h on h.user_id = u.id
    where u.status <> 'inactive' and u.partner_id is null
      and u.role not in ('partner_admin', 'partner_user')
      and (u.role in ('rep', 'manager') or s.user_id is not null or e.user_id is not null or h.user_id is not null)
    order by u.display_name, u.id
  `.execute(db);
  return rows.rows.map((r) => ({
    user_id: r.user_id as string,
    display_name: r.display_name as string,
    team_name: (r.team_name as string | null) ?? null,
    received: n(r.received),
    claimed: n(r.claimed),
    released: n(r.released),
    recovered: n(r.recovered),
    held: n(r.held),
  }));
}

export async function poolsInForce(db: Executor) {
  return db
    .selectFrom('pools')
    .select([
      'id',
      'name',
      'kind',
      'claims_per_day',
      'max_owned',
      'max_locked',
      'count_won',
      'cooldown_days',
      'embargo_hours',
      'version',
    ])
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
}

export async function activeRecoveryRules(db: Executor) {
  return db
    .selectFrom('recovery_rules')
    .innerJoin('pools', 'pools.id', 'recovery_rules.pool_id')
    .select([
      'recovery_rules.id',
      'recovery_rules.name',
      'recovery_rules.trigger',
      'recovery_rules.days',
      'recovery_rules.grade',
      'recovery_rules.version',
      'pools.name as pool_name',
    ])
    .where('recovery_rules.active', '=', true)
    .orderBy('recovery_rules.position')
    .orderBy('recovery_rules.name')
    .execute();
}

/** The accounts the actor sees, as a subquery. */
const scopeOf = (db: Executor, actor: Actor) =>
  db.selectFrom('accounts').select('accounts.id').where(visible('account', actor));

/**
 * Signals that more than one party touched an account in the window (a duplicate check by someone else that
 * found a held customer among them), each with its instant and reason, and
 * every activity (the denominator), both limited to accounts in the actor's sight.
 */
function overlapCtes(db: Executor, actor: Actor, w: Window) {
  const scope = scopeOf(db, actor);
  return sql`
    with scope as (${scope}),
    user_claims as (
      select oc.account_id, oc.started_at,
             lag(oc.user_id) over (partition by oc.account_id order by oc.started_at, oc.id) as previous_user,
             oc.user_id
      from ownership_claims oc
      where oc.holder = 'user' and oc.account_id in (select id from scope)
    ),
    changes as (
      select account_id, started_at as at from user_claims
      where previous_user is not null and previous_user <> user_id and ${within(sql.ref('started_at'), w)}
    ),
    signals as (
      select f.account_id, f.at, 'non_owner_follow_up' as reason
      from follow_ups f
      where not f.by_owner and ${within(sql.ref('f.at'), w)} and f.account_id in (select id from scope)
      union all
      select account_id, at, 'hands_changed' from changes
      where account_id in (select account_id from changes group by account_id having count(*) > 1)
      union all
      select oc.account_id, oc.started_at, 'transfer_or_request'
      from ownership_claims oc
      where oc.via in ('transfer', 'request') and ${within(sql.ref('oc.started_at'), w)}
        and oc.account_id in (select id from scope)
      union all
      select r.account_id, r.created_at, 'access_request'
      from access_requests r
      where ${within(sql.ref('r.created_at'), w)} and r.account_id in (select id from scope)
        and exists (
          select 1 from ownership_claims held
          where held.account_id = r.account_id and held.holder = 'user' and held.started_at <= r.created_at
            and (held.ended_at is null or held.ended_at > r.created_at)
        )
      union all
      select t.account_id, t.created_at, 'duplicate_check'
      from overlap_touches t
      where t.kind = 'duplicate_check' and ${within(sql.ref('t.created_at'), w)}
        and t.account_id in (select id from scope)
    ),
    activity as (
      select f.account_id, f.at from follow_ups f
      where ${within(sql.ref('f.at'), w)} and f.account_id in (select id from scope)
      union all
      select oc.account_id, oc.started_at from ownership_claims oc
      where ${within(sql.ref('oc.started_at'), w)} and oc.account_id in (select id from scope)
      union all
      select r.account_id, r.created_at from access_requests r
      where ${within(sql.ref('r.created_at'), w)} and r.account_id in (select id from scope)
      union all
      select account_id, at from signals
    )
  `;
}

const week = (column: string, w: Window) =>
  sql`date_trunc('week', ${sql.ref(column)} at time zone ${w.timeZone})::date`;

export async function overlapTotals(db: Executor, actor: Actor, w: Window) {
  const r = await sql<Record<string, unknown>>`
    ${overlapCtes(db, actor, w)}
    select
      (select count(distinct account_id) from signals) as overlapping,
      (select count(distinct account_id) from activity) as active,
      (select count(distinct account_id) from signals where reason = 'non_owner_follow_up') as non_owner_follow_up,
      (select count(distinct account_id) from signals where reason = 'hands_changed') as hands_changed,
      (select count(distinct account_id) from signals where reason = 'transfer_or_request') as transfer_or_request,
      (select count(distinct account_id) from signals where reason = 'access_request') as access_request,
      (select count(distinct account_id) from signals where reason = 'duplicate_check') as duplicate_check
  `.execute(db);
  const row = r.rows[0] ?? {};
  return {
    overlapping: n(row.overlapping),
    active: n(row.active),
    byReason: {
      non_owner_follow_up: n(row.non_owner_follow_up),
      hands_changed: n(row.hands_changed),
      transfer_or_request: n(row.transfer_or_request),
      access_request: n(row.access_request),
      duplicate_check: n(row.duplicate_check),
    } satisfies Record<OverlapReason, number>,
  };
}

/** Per local week (Mondays) from the window's first week to its last, empty weeks included. */
export async function overlapWeeks(db: Executor, actor: Actor, w: Window) {
  const r = await sql<{ week: string; overlapping: unknown; active: unknown }>`
    ${overlapCtes(db, actor, w)},
    weeks as (
      select generate_series(date_trunc('week', ${w.from}::date::timestamp), ${w.to}::date::timestamp, interval '1 week')::date as week
    ),
    s as (select ${week('at', w)} as week, count(distinct account_id) as n from signals group by 1),
    a as (select ${week('at', w)} as week, count(distinct account_id) as n from activity group by 1)
    select weeks.week::text as week, coalesce(s.n, 0) as overlapping, coalesce(a.n, 0) as active
    from weeks left join s on s.week = weeks.week left join a on a.week = weeks.week
    order by weeks.week
  `.execute(db);
  return r.rows.map((row) => ({ week: row.week, overlapping: n(row.overlapping), active: n(row.active) }));
}

export async function overlapAccounts(db: Executor, actor: Actor, w: Window, limit: number) {
  const r = await sql<{ id: string; legal_name: string; reasons: string[]; events: unknown }>`
    ${overlapCtes(db, actor, w)}
    select a.id, a.legal_name, array_agg(distinct s.reason order by s.reason) as reasons, count(*) as events
    from signals s join accounts a on a.id = s.account_id
    group by a.id, a.legal_name
    order by count(*) desc, a.legal_name, a.id
    limit ${limit}
  `.execute(db);
  return r.rows.map((row) => ({
    id: row.id,
    legalName: row.legal_name,
    reasons: row.reasons as OverlapReason[],
    events: n(row.events),
  }));
}

/** Open protections with a deadline, in the actor's sight: overdue, due within 3, 7 and 30 days, by day. */
export async function expiring(db: Executor, actor: Actor, timeZone: string) {
  const scope = scopeOf(db, actor);
  const totals = await sql<Record<string, unknown>>`
    select
      count(*) filter (where ends_at <= now()) as overdue,
      count(*) filter (where ends_at > now() and ends_at <= now() + interval '3 days') as within3,
      count(*) filter (where ends_at > now() and ends_at <= now() + interval '7 days') as within7,
      count(*) filter (where ends_at > now() and ends_at <= now() + interval '30 days') as within30
    from ownership_claims
    where ended_at is null and ends_at is not null and account_id in (${scope})
  `.execute(db);
  const byDay = await sql<{ day: string; count: unknown }>`
    select (ends_at at time zone ${timeZone})::date::text as day, count(*) as count
    from ownership_claims
    where ended_at is null and ends_at > now() and ends_at <= now() + interval '30 days'
      and account_id in (${scope})
    group by 1 order by 1
  `.execute(db);
  const t = totals.rows[0] ?? {};
  return {
    overdue: n(t.overdue),
    within3: n(t.within3),
    within7: n(t.within7),
    within30: n(t.within30),
    byDay: new Map(byDay.rows.map((r) => [r.day, n(r.count)])),
  };
}

export async function poolSizes(db: Executor) {
  const r = await sql<{ pool_id: string; name: string; size: unknown }>`
    select p.id as pool_id, p.name, count(a.id) as size
    from pools p left join accounts a on a.pool_id = p.id and a.status = 'active'
    where p.archived_at is null
    group by p.id, p.name
    order by p.name
  `.execute(db);
  return r.rows.map((row) => ({ poolId: row.pool_id, name: row.name, size: n(row.size) }));
}

/** Accounts entering (a pool claim starting) and leaving pools per local day since `from`. */
export async function poolFlow(db: Executor, from: string, timeZone: string) {
  const since = sql`(${from}::date::timestamp at time zone ${timeZone})`;
  const r = await sql<{ day: string; in: unknown; out: unknown }>`
    with moves as (
      select (started_at at time zone ${timeZone})::date as day, 1 as entered, 0 as left_
      from ownership_claims where holder = 'pool' and started_at >= ${since}
      union all
      select (ended_at at time zone ${timeZone})::date, 0, 1
      from ownership_claims where holder = 'pool' and ended_at is not null and ended_at >= ${since}
    )
    select day::text as day, sum(entered) as in, sum(left_) as out from moves group by day order by day
  `.execute(db);
  return new Map(r.rows.map((row) => [row.day, { in: n(row.in), out: n(row.out) }]));
}

/** How long accounts sat in a pool before someone claimed them (the last 90 days), median in hours. */
export async function releaseToClaim(db: Executor) {
  const r = await sql<{ median: unknown; pairs: unknown }>`
    select percentile_cont(0.5) within group (order by extract(epoch from ended_at - started_at)) / 3600 as median,
           count(*) as pairs
    from ownership_claims
    where holder = 'pool' and end_reason = 'claimed' and ended_at >= now() - interval '90 days'
  `.execute(db);
  const row = r.rows[0];
  return {
    medianHours: row?.median == null ? null : Math.round(Number(row.median) * 10) / 10,
    pairs: n(row?.pairs),
  };
}
