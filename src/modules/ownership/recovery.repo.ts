import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ClaimRow } from './ledger.repo.js';

/**
 * Customers whose open claim is past its deadline, soonest first, with their rows locked — skipping
 * customers another sweeper (or anyone) has locked, so sweepers side by side share the work and a sweeper
 * never waits: a customer skipped now is taken on the next pass (and reads as expired meanwhile). Only the
 * ids: what the claim says is read again under the lock (`heldClaims`), as it may have moved since the
 * snapshot this scan saw — and the deadline index carries the ids, so the scan reads no claim row.
 */
export async function dueClaims(db: Executor, now: string, limit: number) {
  // A partner's registration hold ends with its registration (the registrations module's expiry job), not here.
  const result = await sql<{ account_id: string }>`
    select c.account_id from ownership_claims c join accounts a on a.id = c.account_id
    where c.ended_at is null and c.ends_at <= ${now}::timestamptz and c.holder <> 'partner'
    order by c.ends_at
    limit ${limit}
    for update of a skip locked
  `.execute(db);
  return result.rows;
}

/** What the sweep decides on, read under its locks: each customer's open claim and the account's facts. */
export type HeldClaim = ClaimRow & {
  region_code: string | null;
  grade: 'A' | 'B' | 'C' | null;
  won_at: string | null;
};

/**
 * The open claims of customers the caller has locked, with what their deadlines depend on, in one read
 * (instead of the accounts, then their claims, then the protected ones among them).
 */
export async function heldClaims(db: Executor, accountIds: readonly string[]): Promise<HeldClaim[]> {
  if (accountIds.length === 0) return [];
  const result = await sql<HeldClaim>`
    select c.*, a.region_code, a.grade, a.won_at
    from ownership_claims c join accounts a on a.id = c.account_id
    where c.account_id = any(${[...accountIds]}::uuid[]) and c.ended_at is null
    order by c.account_id
  `.execute(db);
  return result.rows;
}

export async function overdueCount(db: Executor, now: string) {
  const row = await db
    .selectFrom('ownership_claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ended_at', 'is', null)
    .where('ends_at', '<=', now)
    // Partner holds end with their registrations (registrations.expire), not by recovery rules.
    .where('holder', '<>', 'partner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Protected claims ending within the window, with whom to escalate to (the holder's manager). */
export async function claimsEndingBefore(db: Executor, from: string, until: string) {
  return db
    .selectFrom('ownership_claims as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      'c.id',
      'c.account_id',
      'c.ends_rule',
      'c.reminded_days',
      sql<string>`c.user_id`.as('user_id'),
      sql<string | null>`coalesce(u.manager_id, nullif(t.manager_id, u.id))`.as('manager_id'),
    ])
    .where('c.ended_at', 'is', null)
    .where('c.ends_at', '>', from)
    .where('c.ends_at', '<=', until)
    .execute();
}

export async function markReminded(db: Executor, rows: readonly { claimId: string; days: number[] }[]) {
  if (rows.length === 0) return;
  // One array per column, whatever the count (a list of two parameters a row stops at 32,767 rows); each
  // row's days travel as an array literal.
  await sql`
    update ownership_claims c set reminded_days = v.days::int[]
    from unnest(${rows.map((r) => r.claimId)}::uuid[], ${rows.map((r) => `{${r.days.join(',')}}`)}::text[])
      as v (id, days)
    where c.id = v.id
  `.execute(db);
}
