import { sql, type Kysely } from 'kysely';

/**
 * Price lists, territories and the electronic fence (电子围栏) of the channel issue.
 *
 * - `price_list_entries`: list prices (`tier_code` null) and tier prices per product and currency, each valid
 *   over a span of business dates (`valid_until` inclusive, null for open-ended). Spans of one product,
 *   currency and tier may not overlap: checked under the product's row lock by the service, as an exclusion
 *   constraint would need btree_gist, which the embedded engine does not load.
 * - `territory_models`: versions of the territory map; one is active, drafts are copies edited and compared
 *   with it before activation.
 * - `territories`: a tree per model, by codes stable across copies (so a draft compares with the active
 *   model territory by territory). Each holds areas: GB/T 2260 region codes or ISO 3166 country codes; a
 *   territory covers its areas and those of every territory below it.
 * - `territory_authorisations`: a party (a partner, or a direct team) × a territory × industries × product
 *   lines (empty arrays: every one), exclusive or shared, including or excluding, over business dates.
 * - `territory_exceptions`: a channel manager lets a partner past the fence for one customer or one region
 *   until a date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table price_list_entries (
      id uuid primary key default gen_random_uuid(),
      product_id uuid not null references products(id),
      tier_code text check (tier_code ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      price_minor bigint not null check (price_minor >= 0),
      valid_from date not null,
      valid_until date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      check (valid_until is null or valid_until >= valid_from)
    );
    create index price_list_entries_product on price_list_entries (product_id, currency, tier_code, valid_from);

    create table territory_models (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      status text not null default 'draft' check (status in ('draft', 'active', 'retired')),
      based_on uuid references territory_models(id),
      created_by uuid references users(id),
      activated_by uuid references users(id),
      activated_at timestamptz,
      decision_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index territory_models_one_active on territory_models ((true)) where status = 'active';

    create table territories (
      model_id uuid not null references territory_models(id),
      code text not null,
      parent_code text,
      name text not null,
      areas text[] not null default '{}',
      primary key (model_id, code),
      foreign key (model_id, parent_code) references territories(model_id, code)
    );

    create table territory_authorisations (
      id uuid primary key default gen_random_uuid(),
      model_id uuid not null,
      territory_code text not null,
      partner_id uuid references partners(id),
      team_id uuid references teams(id),
      industry_codes text[] not null default '{}',
      product_line_codes text[] not null default '{}',
      exclusive boolean not null default false,
      effect text not null check (effect in ('include', 'exclude')),
      valid_from date not null,
      valid_until date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      foreign key (model_id, territory_code) references territories(model_id, code),
      check ((partner_id is null) <> (team_id is null)),
      check (valid_until is null or valid_until >= valid_from),
      check (not (exclusive and effect = 'exclude'))
    );
    create index territory_authorisations_model on territory_authorisations (model_id, partner_id);
    create index territory_authorisations_team on territory_authorisations (model_id, team_id);

    create table territory_exceptions (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null references partners(id),
      account_id uuid references accounts(id),
      region_code text,
      note text not null,
      expires_on date not null,
      granted_by uuid references users(id),
      granted_at timestamptz not null default now(),
      revoked_by uuid references users(id),
      revoked_at timestamptz,
      check ((account_id is null) <> (region_code is null))
    );
    create index territory_exceptions_partner on territory_exceptions (partner_id, expires_on);
  `.execute(db);
}
