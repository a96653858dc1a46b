import { sql, type Kysely } from 'kysely';

/**
 * Regions and industries as standard codes (GB/T 2260 divisions, GB/T 4754 divisions) beside the names
 * people read: what territories and assignment rules will match on, by code prefix.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table accounts add column region_code text check (region_code ~ '^[0-9]{6}$');
    alter table accounts add column industry_code text check (industry_code ~ '^[0-9]{2}$');
    create index accounts_region_code on accounts (region_code text_pattern_ops) where region_code is not null;
    create index accounts_industry_code on accounts (industry_code) where industry_code is not null;
  `.execute(db);
}
