import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { OwnershipClaimTable, PoolTable, RecoveryRuleTable } from '../../db/types.js';

export type ClaimRow = Selectable<OwnershipClaimTable>;
export type PoolRow = Selectable<PoolTable>;
export type RecoveryRuleRow = Selectable<RecoveryRuleTable>;

/** What the ledger needs of an account, read with its row locked. */
export interface HeldAccount {
  id: string;
  status: string;
  owner_id: string | null;
  partner_id: string | null;
  pool_id: string | null;
  region_code: string | null;
  grade: 'A' | 'B' | 'C' | null;
  won_at: string | null;
}

/**
 * Batches go to the database as one array per column (`= any($1)`, `unnest($1, $2 …)`): a statement of a
 * few parameters whatever the batch size, which PostgreSQL parses and plans in microseconds, where a list of
 * thousands of parameters costs more to send, parse and plan than the rows cost to write.
 */
export const anyOf = (column: string, ids: readonly string[]) =>
  sql<SqlBool>`${sql.ref(column)} = any(${[...ids]}::uuid[])`;

const HELD = ['id', 'status', 'owner_id', 'partner_id', 'pool_id', 'region_code', 'grade', 'won_at'] as const;

/** Locks accounts in id order (the kernel's row lock order) and returns them with their open claims. */
export async function lockAccounts(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const accounts = await db
    .selectFrom('accounts')
    .select(HELD)
    .where(anyOf('id', ids))
    .orderBy('id')
    .forUpdate()
    .execute();
  const claims = await openClaims(
    db,
    accounts.map((a) => a.id),
  );
  return accounts.map((a) => ({ account: a, claim: claims.get(a.id) ?? null }));
}

export async function openClaims(db: Executor, accountIds: readonly string[]) {
  if (accountIds.length === 0) return new Map<string, ClaimRow>();
  const rows = await db
    .selectFrom('ownership_claims')
    .selectAll()
    .where(anyOf('account_id', accountIds))
    .where('ended_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.account_id, r]));
}

export async function endClaims(db: Executor, ids: readonly string[], reason: string, at: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('ownership_claims')
    .set({ ended_at: at, end_reason: reason })
    .where(anyOf('id', ids))
    .where('ended_at', 'is', null)
    .execute();
}

export type NewClaim = Omit<ClaimRow, 'id' | 'ended_at' | 'end_reason' | 'reminded_days' | 'ends_rule'> & {
  ends_rule: string | null;
};

/**
 * Opens the claims and writes each one's holder onto its account (the projection), in one statement: a claim
 * row carries exactly the account's four holder columns.
 */
export async function insertClaims(db: Executor, rows: readonly NewClaim[]): Promise<ClaimRow[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof NewClaim>(k: K) => rows.map((r) => r[k] ?? null);
  const result = await sql<ClaimRow>`
    with inserted as (
      insert into ownership_claims (account_id, holder, user_id, team_id, partner_id, pool_id, kind, via,
        started_at, ends_at, ends_rule, decision_id, made_by)
      select * from unnest(${col('account_id')}::uuid[], ${col('holder')}::text[], ${col('user_id')}::uuid[],
        ${col('team_id')}::uuid[], ${col('partner_id')}::uuid[], ${col('pool_id')}::uuid[], ${col('kind')}::text[],
        ${col('via')}::text[], ${col('started_at')}::timestamptz[], ${col('ends_at')}::timestamptz[],
        ${col('ends_rule')}::jsonb[], ${col('decision_id')}::uuid[], ${col('made_by')}::uuid[])
      returning *
    ), projected as (
      update accounts a set owner_id = c.user_id, partner_id = c.partner_id, pool_id = c.pool_id,
        queue_team_id = c.team_id, updated_at = now()
      from inserted c where a.id = c.account_id
    )
    select * from inserted
  `.execute(db);
  return result.rows;
}

/**
 * Clears the account's holder columns when its claim ends with none after it. With `insertClaims`, which
 * writes them for every new claim, the only writers of these four columns.
 */
export async function clearHolder(db: Executor, accountId: string) {
  await sql`
    update accounts set owner_id = null, partner_id = null, pool_id = null, queue_team_id = null,
      updated_at = now()
    where id = ${accountId}
  `.execute(db);
}

export async function setDeadlines(
  db: Executor,
  rows: readonly { claimId: string; endsAt: string | null; rule: string | null }[],
) {
  if (rows.length === 0) return;
  await sql`
    update ownership_claims c set ends_at = v.ends_at, ends_rule = v.rule,
      reminded_days = case when c.ends_at is distinct from v.ends_at then '{}'::int[] else c.reminded_days end
    from unnest(${rows.map((r) => r.claimId)}::uuid[], ${rows.map((r) => r.endsAt)}::timestamptz[],
      ${rows.map((r) => r.rule)}::jsonb[]) as v (id, ends_at, rule)
    where c.id = v.id and c.ended_at is null
  `.execute(db);
}

export async function activeRecoveryRules(db: Executor) {
  return db.selectFrom('recovery_rules').selectAll().where('active', '=', true).orderBy('position').execute();
}

export async function activePools(db: Executor) {
  return db.selectFrom('pools').selectAll().where('archived_at', 'is', null).orderBy('name').execute();
}

export async function teamParents(db: Executor) {
  const rows = await db.selectFrom('teams').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function usersTeams(db: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return new Map<string, string | null>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'team_id'])
    .where('id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.team_id]));
}

/** The holders' follow-ups since each claim began, and each account's opportunity facts. */
export async function protectionInputs(
  db: Executor,
  claims: readonly { accountId: string; userId: string; since: string }[],
) {
  const followUps = new Map<string, { at: string; kind: string }[]>();
  const opportunities = new Map<string, { open: number; lastAt: string | null }>();
  if (claims.length === 0) return { followUps, opportunities };
  const values = sql`unnest(${claims.map((c) => c.accountId)}::uuid[], ${claims.map((c) => c.userId)}::uuid[],
    ${claims.map((c) => c.since)}::timestamptz[])`;
  const fu = await sql<{ account_id: string; at: string; kind: string }>`
    select f.account_id, f.at, f.kind from ${values} as c (account_id, user_id, since)
    join follow_ups f on f.account_id = c.account_id and f.user_id = c.user_id and f.at >= c.since
  `.execute(db);
  for (const r of fu.rows) {
    const list = followUps.get(r.account_id) ?? [];
    list.push({ at: r.at, kind: r.kind });
    followUps.set(r.account_id, list);
  }
  const opp = await sql<{ account_id: string; open: number; last_at: string | null }>`
    select c.account_id,
      count(o.id) filter (where o.status = 'open')::int as open,
      max(o.created_at) filter (where o.created_at >= c.since) as last_at
    from ${values} as c (account_id, user_id, since)
    join opportunities o on o.account_id = c.account_id
    group by c.account_id
  `.execute(db);
  for (const r of opp.rows) opportunities.set(r.account_id, { open: r.open, lastAt: r.last_at });
  return { followUps, opportunities };
}

export async function orgSettings(db: Executor) {
  return db
    .selectFrom('organization')
    .select(['time_zone', 'currency', 'won_converts_long_term', 'max_locked_per_user'])
    .executeTakeFirstOrThrow();
}

/** Open protected claims held by users on the given accounts, with what their deadlines depend on. */
export async function protectedClaimsOf(db: Executor, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('ownership_claims as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.account_id',
      'c.user_id',
      'c.partner_id',
      'c.started_at',
      'a.region_code',
      'a.grade',
      'a.won_at',
    ])
    .where(anyOf('c.account_id', accountIds))
    .where('c.ended_at', 'is', null)
    .where('c.kind', '=', 'protected')
    .where('c.holder', '=', 'user')
    .execute();
  return rows.map((r) => ({
    claimId: r.id,
    accountId: r.account_id,
    userId: r.user_id!,
    partnerId: r.partner_id,
    startedAt: r.started_at,
    regionCode: r.region_code,
    grade: r.grade,
    wonAt: r.won_at,
  }));
}

/** The claim the account had before `currentId`: the latest one already ended. */
export async function previousClaim(db: Executor, accountId: string, currentId: string) {
  return db
    .selectFrom('ownership_claims')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '<>', currentId)
    .where('ended_at', 'is not', null)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
