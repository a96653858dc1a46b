import { sql, type Kysely } from 'kysely';

/**
 * Commission plans, periods and statements (issue 13, items 3–14).
 *
 * - `commission_plans`: a plan for a kind of payee (users, partners). Its rules live in versions.
 * - `commission_plan_versions`: effective-dated versions of the rules. Version 1 is the plan as first
 *   published; later versions are amendments (补充协议) with a reason code and note. A version is a draft
 *   until an approver other than its author publishes it; warnings found when it was saved (a target above
 *   120 % of the payee's best period) are stored for the approver. Published versions are never edited.
 * - `commission_payees`: who is on a plan, from when to when (mid-period joiners and leavers are prorated
 *   by days), and their sign-off of the version they were shown.
 * - `commission_targets`: a payee's target for a period, set by a version; the target in force for a
 *   calculation is the one set by the latest version that applies. Units targets are in units.
 * - `commission_indexes`: index values per code and period start, for targets that follow an index.
 * - `commission_periods`: open → calculated → approved → locked → paid, one per plan and period start.
 * - `commission_snapshots`: every calculation of a period, numbered; the period points at its current one.
 *   Locking freezes the current snapshot; a recalculation after that writes a new snapshot marked as a
 *   recalculation and adjustments in the next open period, never an edit.
 * - `commission_results`: per payee per snapshot: measure, target, attainment, tier, earned, payout. Which
 *   credit lines counted, and what each earned, is not stored: credit lines are only ever superseded, so a
 *   statement reads them as they stood at the snapshot's time and calculates the payee again.
 * - `commission_lines`: the lines of a payee's statement with their formula as codes and parameters.
 * - `commission_adjustments`: differences found after a lock (amendments, true-ups, clawbacks, recomputed
 *   returns), each aimed at the next open period and consumed by its calculation, citing why.
 * - `commission_disputes`: a payee questions one line; resolved with or without an adjustment.
 * - `transactions.reverses_external_id`: a return or credit note may name the sale it reverses, so a
 *   clawback finds the rate that sale was paid at.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table transactions add column reverses_external_id text;
    create index transactions_reverses on transactions (reverses_external_id)
      where reverses_external_id is not null and superseded_by is null;

    create table commission_plans (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
      name text not null check (length(name) between 1 and 200),
      payee_type text not null check (payee_type in ('user', 'partner')),
      status text not null default 'draft' check (status in ('draft', 'active', 'retired')),
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );

    create table commission_plan_versions (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references commission_plans(id),
      version int not null check (version >= 1),
      effective_from date not null,
      rules jsonb not null,
      reason_code text check (reason_code in ('initial', 'force_majeure', 'market_change', 'arbitration',
        'correction', 'other')),
      reason_note text,
      status text not null default 'draft' check (status in ('draft', 'published', 'rejected')),
      warnings jsonb not null default '[]',
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_id uuid,
      unique (plan_id, version),
      check (decided_by is null or created_by is null or decided_by <> created_by)
    );
    create index commission_plan_versions_effective on commission_plan_versions (plan_id, effective_from)
      where status = 'published';

    create table commission_payees (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references commission_plans(id),
      user_id uuid references users(id),
      partner_id uuid references partners(id),
      start_date date not null,
      end_date date,
      acknowledged_version_id uuid references commission_plan_versions(id),
      acknowledged_at timestamptz,
      created_at timestamptz not null default now(),
      check ((user_id is null) <> (partner_id is null)),
      check (end_date is null or end_date >= start_date)
    );
    create unique index commission_payees_user on commission_payees (plan_id, user_id) where user_id is not null;
    create unique index commission_payees_partner on commission_payees (plan_id, partner_id)
      where partner_id is not null;

    create table commission_targets (
      payee_id uuid not null references commission_payees(id),
      period_start date not null,
      version_id uuid not null references commission_plan_versions(id),
      target numeric not null check (target >= 0),
      primary key (payee_id, period_start, version_id)
    );

    create table commission_indexes (
      code text not null,
      period_start date not null,
      value numeric not null check (value > 0),
      set_by uuid references users(id),
      set_at timestamptz not null default now(),
      primary key (code, period_start)
    );

    create table commission_periods (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references commission_plans(id),
      period_start date not null,
      period_end date not null,
      status text not null default 'open' check (status in ('open', 'calculated', 'approved', 'locked', 'paid')),
      current_snapshot_id uuid,
      locked_snapshot_id uuid,
      approved_by uuid references users(id),
      approved_at timestamptz,
      locked_by uuid references users(id),
      locked_at timestamptz,
      paid_at timestamptz,
      unique (plan_id, period_start),
      check (period_end >= period_start)
    );

    create table commission_snapshots (
      id uuid primary key default gen_random_uuid(),
      period_id uuid not null references commission_periods(id),
      seq int not null check (seq >= 1),
      kind text not null check (kind in ('calculation', 'recalculation', 'what_if')),
      plan_version_id uuid not null references commission_plan_versions(id),
      inputs_hash text not null,
      payees int not null,
      payout_minor bigint not null,
      calculated_by uuid references users(id),
      calculated_at timestamptz not null default now(),
      decision_id uuid,
      unique (period_id, seq)
    );

    create table commission_results (
      snapshot_id uuid not null references commission_snapshots(id),
      payee_id uuid not null references commission_payees(id),
      currency text not null,
      measure numeric not null,
      target numeric not null,
      attainment numeric,
      tier int,
      earned_minor bigint not null,
      payout_minor bigint not null,
      carried_minor bigint not null default 0,
      draw_balance_minor bigint not null default 0,
      explanation jsonb not null,
      primary key (snapshot_id, payee_id)
    );
    create index commission_results_payee on commission_results (payee_id);

    create table commission_lines (
      id uuid primary key default gen_random_uuid(),
      snapshot_id uuid not null references commission_snapshots(id),
      payee_id uuid not null references commission_payees(id),
      line_no int not null,
      kind text not null check (kind in ('earning', 'returns', 'tier_slice', 'product_rate', 'bonus',
        'pool_bonus', 'cap', 'floor', 'draw', 'draw_recovery', 'carried', 'adjustment', 'true_up',
        'clawback', 'ytd_prior')),
      amount_minor bigint not null,
      basis_minor bigint,
      rate numeric,
      tier int,
      formula jsonb not null,
      adjustment_id uuid,
      unique (snapshot_id, payee_id, line_no)
    );

    create table commission_adjustments (
      id uuid primary key default gen_random_uuid(),
      plan_id uuid not null references commission_plans(id),
      payee_id uuid not null references commission_payees(id),
      source_period_id uuid references commission_periods(id),
      target_period_id uuid not null references commission_periods(id),
      kind text not null check (kind in ('amendment', 'true_up', 'clawback', 'recompute', 'dispute',
        'prior_period', 'rate_change')),
      amount_minor bigint not null,
      old_minor bigint,
      new_minor bigint,
      version_id uuid references commission_plan_versions(id),
      reason jsonb not null,
      decision_id uuid,
      created_at timestamptz not null default now()
    );
    create index commission_adjustments_target on commission_adjustments (target_period_id, payee_id);
    create index commission_adjustments_source on commission_adjustments (source_period_id, payee_id);

    create table commission_disputes (
      id uuid primary key default gen_random_uuid(),
      line_id uuid not null references commission_lines(id),
      payee_id uuid not null references commission_payees(id),
      status text not null default 'open' check (status in ('open', 'in_review', 'upheld', 'rejected')),
      reason text not null check (length(reason) between 1 and 2000),
      raised_by uuid not null references users(id),
      raised_at timestamptz not null default now(),
      resolved_by uuid references users(id),
      resolved_at timestamptz,
      resolution_note text,
      adjustment_id uuid references commission_adjustments(id),
      decision_id uuid
    );
    create unique index commission_disputes_open on commission_disputes (line_id)
      where status in ('open', 'in_review');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table commission_disputes, commission_adjustments, commission_lines, commission_results,
      commission_snapshots, commission_periods, commission_indexes, commission_targets, commission_payees,
      commission_plan_versions, commission_plans;
    alter table transactions drop column reverses_external_id;
  `.execute(db);
}
