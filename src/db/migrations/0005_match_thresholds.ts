import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- When the duplicate check calls two records the same company, or possibly the same (score 0..1).
    alter table organization
      add column match_same double precision not null default 0.9,
      add column match_possible double precision not null default 0.6,
      add constraint organization_match_thresholds
        check (match_possible > 0 and match_possible <= match_same and match_same < 1);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organization drop constraint organization_match_thresholds,
      drop column match_same, drop column match_possible
  `.execute(db);
}
