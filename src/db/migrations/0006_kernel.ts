import { sql, type Kysely } from 'kysely';

/**
 * The kernel every module stands on: decisions stored as data, typed events apart from audit records, one
 * leased jobs table (replacing the outbox, scheduled_jobs and the import lease), and an audit chain built
 * beside the log by one chainer instead of under a global lock held by every writer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What was decided, by which rule, on which evidence: written in the transaction of the change.
    create table decisions (
      id uuid primary key,
      kind text not null,
      subject_type text not null,
      subject_id text not null,
      verdict text not null,
      rule jsonb not null,
      evidence jsonb not null,
      not_applied jsonb not null default '[]',
      effective jsonb,
      actor_id uuid,
      request_id text,
      at timestamptz not null default now()
    );
    create index decisions_subject on decisions (subject_type, subject_id, at desc);
    create trigger decisions_no_update before update or delete on decisions
      for each row execute function audit_log_append_only();
    create trigger decisions_no_truncate before truncate on decisions
      for each statement execute function audit_log_append_only();

    -- Writers no longer link rows (that needed one lock held to commit by every writer); the chainer does,
    -- in audit_chain. A writer also notes its row in audit_pending, in the same transaction: the chainer
    -- links what it finds there, in the order it finds it, so a row committed late is never skipped.
    alter table audit_log drop column prev_hash, drop column hash;
    alter table audit_log alter column at set default now();
    alter table audit_log add column decision_id uuid;
    -- Time filters read ranges of an append-only table: a BRIN index costs writers next to nothing.
    drop index audit_at;
    create index audit_at on audit_log using brin (at);
    create table audit_pending (audit_id bigint primary key);
    insert into audit_pending (audit_id) select id from audit_log;

    create table audit_chain (
      seq bigint primary key check (seq > 0),
      audit_id bigint not null unique,
      prev_hash text not null,
      hash text not null
    );

    -- Signed tree heads: the chain's length and head hash, signed with a key kept outside the database.
    create table audit_checkpoints (
      id bigserial primary key,
      chain_length bigint not null,
      head_hash text not null,
      at text not null,
      prev_signature text,
      key_id text not null,
      public_key text not null,
      signature text not null unique
    );

    create trigger audit_chain_no_update before update or delete on audit_chain
      for each row execute function audit_log_append_only();
    create trigger audit_chain_no_truncate before truncate on audit_chain
      for each statement execute function audit_log_append_only();
    create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
      for each row execute function audit_log_append_only();
    create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
      for each statement execute function audit_log_append_only();
    revoke update, delete, truncate on audit_chain, audit_checkpoints, decisions from public;

    -- Typed events for webhooks and notifications, apart from the audit trail; purged after delivery.
    create table events (
      id bigserial primary key,
      name text not null,
      payload jsonb not null,
      actor_id uuid,
      request_id text,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
      attempts int not null default 0,
      run_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz
    );
    create index events_due on events (run_at, id) where status = 'pending';
    create index events_delivered on events (delivered_at) where status <> 'pending';

    -- One leased jobs table: imports, sweeps, recalculations. A recurring job has a key and an interval.
    create table jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      key text unique,
      status text not null default 'queued'
        check (status in ('queued', 'running', 'done', 'failed', 'dead')),
      payload jsonb not null default '{}',
      phase text,
      done int not null default 0 check (done >= 0),
      total int check (total >= 0),
      message jsonb,
      run_at timestamptz not null default now(),
      interval_seconds int check (interval_seconds > 0),
      lease_until timestamptz,
      leased_by text,
      attempts int not null default 0,
      max_attempts int not null default 5 check (max_attempts > 0),
      last_error text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_due on jobs (run_at) where status in ('queued', 'running');

    alter table import_jobs add column job_id uuid references jobs(id);
    with runnable as (
      select id, created_by from import_jobs where status in ('analyzing', 'importing')
    ), made as (
      insert into jobs (kind, payload, created_by)
      select 'import', jsonb_build_object('importId', id), created_by from runnable
      returning id, payload->>'importId' as import_id
    )
    update import_jobs set job_id = made.id from made where import_jobs.id = made.import_id::uuid;
    drop index import_jobs_runnable;
    alter table import_jobs drop column lease_until, drop column attempts, drop column progress;

    -- An import row folded into an existing account is a merge without a merged account: it records where
    -- the values came from, so it can be taken back like any merge.
    alter table account_merges alter column merged_id drop not null;
    alter table account_merges add column source jsonb;
    alter table account_merges add column decision_id uuid;
    alter table account_merges add constraint account_merges_origin
      check (merged_id is not null or source is not null);

    -- Accounts an import made (as opposed to folded into): its later rows do not fold into them.
    alter table import_clusters add column created_ids uuid[] not null default '{}';
    -- Why a cluster waits for a person (needs_review): the decision, with its evidence.
    alter table import_clusters add column decision_id uuid;

    drop table outbox, scheduled_jobs;
  `.execute(db);

  // Match reasons stored before evidence became codes: kept readable as 'legacy' evidence, never parsed.
  await sql`
    create function pg_temp.legacy_evidence(items jsonb) returns jsonb language sql immutable as $$
      select coalesce(jsonb_agg(
        case when x.item ? 'code' then x.item else jsonb_build_object(
          'code', 'legacy',
          'params', jsonb_build_object(
            'field', x.item->'field', 'comparison', x.item->'comparison', 'text', x.item->'detail'),
          'points', x.item->'contribution')
        end order by x.n), '[]'::jsonb)
      from jsonb_array_elements(coalesce(items, '[]'::jsonb)) with ordinality as x(item, n)
    $$;
    update import_clusters set
      reasons = (
        select coalesce(jsonb_agg(c.item || jsonb_build_object(
          'reasons', pg_temp.legacy_evidence(c.item->'reasons')) order by c.n), '[]'::jsonb)
        from jsonb_array_elements(reasons) with ordinality as c(item, n)),
      existing = (
        select coalesce(jsonb_agg(
          case when m.item ? 'reasons'
            then m.item || jsonb_build_object('reasons', pg_temp.legacy_evidence(m.item->'reasons'))
            else m.item end order by m.n), '[]'::jsonb)
        from jsonb_array_elements(existing) with ordinality as m(item, n));
  `.execute(db);
}
