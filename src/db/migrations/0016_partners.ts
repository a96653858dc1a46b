import { sql, type Kysely } from 'kysely';

/**
 * Channel partners (issue 12, item 1).
 *
 * - `partners`: a company admitted through the identity engine — each partner is linked to exactly one
 *   account (`account_id` unique), so the same company cannot become two partners however it is typed; the
 *   lifecycle status (applicant → onboarding → active → suspended → terminated), its tier, the channel
 *   manager responsible for it, and whether its registration rights are suspended (a lapsed required
 *   certification), kept apart from the status because only registering stops.
 * - `partner_status_changes`: every step, dated, reasoned, by whom, with the decision that recorded it.
 * - `partner_tiers`: configurable (seeded registered / silver / gold / platinum) with the protection period
 *   and the auto-approval placeholders the registration helper will read (amount in minor units + currency,
 *   product lines).
 * - `partner_checklist_items` (configurable) and `partner_checklist` (ticked per partner, who and when).
 * - `partner_certification_types` and `partner_certifications` (expiry as a business date; `lapsed_at` set by
 *   the sweep once).
 * - Foreign keys from `users`, `accounts` and `ownership_claims` to partners. They are added NOT VALID and
 *   validated only where no row names a partner that does not exist: an installation that typed partner ids
 *   by hand before partners existed still migrates, and every new row is checked either way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partner_tiers (
      id uuid primary key default gen_random_uuid(),
      code text not null,
      name_zh text not null,
      name_en text not null,
      rank int not null,
      protection_days int not null default 90 check (protection_days between 1 and 3650),
      auto_approve_max_minor bigint check (auto_approve_max_minor >= 0),
      auto_approve_currency text check (auto_approve_currency ~ '^[A-Z]{3}$'),
      auto_approve_product_line_ids uuid[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((auto_approve_max_minor is null) = (auto_approve_currency is null))
    );
    create unique index partner_tiers_code on partner_tiers (lower(code));
    insert into partner_tiers (code, name_zh, name_en, rank) values
      ('registered', '注册', 'Registered', 1),
      ('silver', '银牌', 'Silver', 2),
      ('gold', '金牌', 'Gold', 3),
      ('platinum', '白金', 'Platinum', 4);

    create table partner_checklist_items (
      id uuid primary key default gen_random_uuid(),
      code text not null,
      name_zh text not null,
      name_en text not null,
      position int not null default 0,
      required boolean not null default true,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );
    create unique index partner_checklist_items_code on partner_checklist_items (lower(code));
    insert into partner_checklist_items (code, name_zh, name_en, position) values
      ('agreement_signed', '签署合作协议', 'Partner agreement signed', 1),
      ('company_verified', '企业资质核验', 'Company verified', 2),
      ('training_completed', '完成入门培训', 'Onboarding training completed', 3);

    create table partner_certification_types (
      id uuid primary key default gen_random_uuid(),
      code text not null,
      name_zh text not null,
      name_en text not null,
      required boolean not null default false,
      created_at timestamptz not null default now()
    );
    create unique index partner_certification_types_code on partner_certification_types (lower(code));
    insert into partner_certification_types (code, name_zh, name_en, required) values
      ('sales', '销售认证', 'Sales certification', true),
      ('technical', '技术认证', 'Technical certification', false);

    create table partners (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id),
      name text not null,
      status text not null default 'applicant'
        check (status in ('applicant', 'onboarding', 'active', 'suspended', 'terminated')),
      status_changed_at timestamptz not null default now(),
      tier_id uuid not null references partner_tiers(id),
      manager_id uuid references users(id),
      contact_name text,
      contact_email text,
      contact_phone text,
      source text not null check (source in ('staff', 'application')),
      registration_suspended_at timestamptz,
      registration_suspended_reason text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index partners_account on partners (account_id);
    create index partners_status on partners (status);
    create index partners_manager on partners (manager_id) where manager_id is not null;

    create table partner_status_changes (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null references partners(id),
      from_status text,
      to_status text not null,
      reason text not null,
      decision_id uuid,
      changed_by uuid references users(id),
      changed_at timestamptz not null default now()
    );
    create index partner_status_changes_partner on partner_status_changes (partner_id, changed_at);

    create table partner_checklist (
      partner_id uuid not null references partners(id),
      item_id uuid not null references partner_checklist_items(id),
      done_at timestamptz not null default now(),
      done_by uuid references users(id),
      note text,
      primary key (partner_id, item_id)
    );

    create table partner_certifications (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null references partners(id),
      type_id uuid not null references partner_certification_types(id),
      reference text,
      issued_on date,
      expires_on date not null,
      lapsed_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index partner_certifications_partner on partner_certifications (partner_id);
    create index partner_certifications_due on partner_certifications (expires_on) where lapsed_at is null;

    alter table users add constraint users_partner_fk
      foreign key (partner_id) references partners(id) not valid;
    alter table accounts add constraint accounts_partner_fk
      foreign key (partner_id) references partners(id) not valid;
    alter table ownership_claims add constraint ownership_claims_partner_fk
      foreign key (partner_id) references partners(id) not valid;

    create index ownership_claims_open_partner on ownership_claims (partner_id)
      where ended_at is null and partner_id is not null;
  `.execute(db);
  // Validate where nothing names a partner that does not exist (always so on a new installation).
  for (const table of ['users', 'accounts', 'ownership_claims'] as const) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table)} t
      where t.partner_id is not null and not exists (select 1 from partners p where p.id = t.partner_id)
    `.execute(db);
    if (Number(rows[0]?.n ?? 0) === 0)
      await sql`alter table ${sql.table(table)} validate constraint ${sql.ref(`${table}_partner_fk`)}`.execute(
        db,
      );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists ownership_claims_open_partner;
    alter table ownership_claims drop constraint if exists ownership_claims_partner_fk;
    alter table accounts drop constraint if exists accounts_partner_fk;
    alter table users drop constraint if exists users_partner_fk;
    drop table partner_certifications;
    drop table partner_checklist;
    drop table partner_status_changes;
    drop table partners;
    drop table partner_certification_types;
    drop table partner_checklist_items;
    drop table partner_tiers;
  `.execute(db);
}
