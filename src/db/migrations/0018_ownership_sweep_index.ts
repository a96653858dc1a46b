import { sql, type Kysely } from 'kysely';

/**
 * The recovery sweep's scan carries what it needs: open claims by deadline, with their customer's id, so
 * finding the customers due (and locking them) reads the index and not the claim rows — wide rows, with the
 * deadline's explanation in them. Partner registration holds are left out: their registration's expiry ends them. Replaces the deadline index, whose queries it serves the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index ownership_claims_due_accounts on ownership_claims (ends_at, account_id)
      where ended_at is null and ends_at is not null and holder <> 'partner';
    drop index ownership_claims_due;
  `.execute(db);
}
