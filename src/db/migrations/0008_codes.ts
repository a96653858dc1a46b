import { sql, type Kysely } from 'kysely';
import { placeCustomer } from '../../modules/accounts/places.js';

/**
 * Regions and industries as standard codes (GB/T 2260 divisions, GB/T 4754 divisions) beside the names
 * people read: what territories and assignment rules will match on, by code prefix. Customers already here
 * get the codes their address, USCC and name say (never a guess), as new ones do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table accounts add column region_code text check (region_code ~ '^[0-9]{6}$');
    alter table accounts add column industry_code text check (industry_code ~ '^[0-9]{2}$');
    alter table accounts add column region_source text check (region_source in ('given', 'address', 'uscc', 'name'));
    alter table accounts add column industry_source text check (industry_source in ('given', 'text', 'name'));
    alter table accounts add constraint accounts_region_source check ((region_code is null) = (region_source is null));
    alter table accounts add constraint accounts_industry_source check ((industry_code is null) = (industry_source is null));
    create index accounts_region_code on accounts (region_code text_pattern_ops) where region_code is not null;
    create index accounts_industry_code on accounts (industry_code) where industry_code is not null;
  `.execute(db);
  await backfill(db);
}

interface Row {
  id: string;
  legal_name: string;
  uscc: string | null;
  uscc_valid: boolean;
  province: string | null;
  city: string | null;
  district: string | null;
  street: string | null;
  industry: string | null;
}

export async function backfill(db: Kysely<unknown>) {
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const { rows } = await sql<Row>`
      select id, legal_name, uscc, uscc_valid, province, city, district, street, industry from accounts
      where id > ${after}::uuid order by id limit 1000
    `.execute(db);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const placed = rows
      .map((r) => ({
        id: r.id,
        ...placeCustomer({
          legalName: r.legal_name,
          uscc: r.uscc,
          usccValid: r.uscc_valid,
          province: r.province,
          city: r.city,
          district: r.district,
          street: r.street,
          industry: r.industry,
          regionCode: null,
          regionSource: null,
          industryCode: null,
          industrySource: null,
        }),
      }))
      .filter((p) => p.regionCode || p.industryCode);
    if (placed.length === 0) continue;
    const values = sql.join(
      placed.map(
        (p) =>
          sql`(${p.id}::uuid, ${p.regionCode}::text, ${p.regionSource}::text, ${p.industryCode}::text, ${p.industrySource}::text)`,
      ),
    );
    await sql`
      update accounts a set region_code = v.rc, region_source = v.rs, industry_code = v.ic, industry_source = v.isrc
      from (values ${values}) as v (id, rc, rs, ic, isrc) where a.id = v.id
    `.execute(db);
  }
}
