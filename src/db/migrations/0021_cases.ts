import { sql, type Kysely } from 'kysely';

/**
 * Conflict cases (issue 12 item 7): a registration that collides with a direct rep's customer or another
 * claim, or a partner disputing a refusal, opens a case a channel manager decides.
 *
 * - `case_settings`: one row — hours to a first response and to a decision (the SLA), and whether a refusal
 *   by collision opens a case by itself.
 * - `cases`: the parties (the claiming registration and its partner; the direct owner, or the registration
 *   and partner holding the customer), the evidence of both sides as it stood when the case opened, the
 *   status (open → under_review → decided | withdrawn), the SLA instants, the escalation, and the decision
 *   with its outcome. One case at a time per registration: the partial unique index.
 * - `case_events`: the status timeline each party follows (opened, taken up, escalated, decided …).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_settings (
      id int primary key default 1 check (id = 1),
      response_hours int not null default 24 check (response_hours between 1 and 8760),
      decision_hours int not null default 72 check (decision_hours between 1 and 8760),
      open_on_collision boolean not null default true,
      updated_at timestamptz not null default now()
    );
    insert into case_settings (id) values (1);

    create table cases (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('collision', 'dispute', 'raised')),
      status text not null default 'open'
        check (status in ('open', 'under_review', 'decided', 'withdrawn')),
      registration_id uuid not null references registrations(id),
      partner_id uuid not null references partners(id),
      account_id uuid references accounts(id),
      direct_owner_id uuid references users(id),
      other_registration_id uuid references registrations(id),
      other_partner_id uuid references partners(id),
      refusal_code text,
      reason text,
      opened_by uuid references users(id),
      evidence jsonb not null,
      respond_by timestamptz not null,
      decide_by timestamptz not null,
      first_response_at timestamptz,
      escalated_at timestamptz,
      escalated_to uuid[] not null default '{}',
      outcome text check (outcome in ('partner_wins', 'direct_wins', 'dismissed')),
      decision_reason text,
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index cases_one_open on cases (registration_id) where status in ('open', 'under_review');
    create index cases_partner on cases (partner_id, created_at desc);
    create index cases_other_partner on cases (other_partner_id) where other_partner_id is not null;
    create index cases_direct_owner on cases (direct_owner_id) where direct_owner_id is not null;
    create index cases_due on cases (decide_by) where status in ('open', 'under_review') and escalated_at is null;

    create table case_events (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      kind text not null,
      actor_id uuid references users(id),
      at timestamptz not null default now()
    );
    create index case_events_case on case_events (case_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_events, cases, case_settings;`.execute(db);
}
