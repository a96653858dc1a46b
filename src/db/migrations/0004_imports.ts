import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A customer list being de-duplicated and imported: analysed, reviewed by a person, then imported.
    -- Jobs run in a worker under a lease, in steps that each commit, so a restart resumes them.
    create table import_jobs (
      id uuid primary key default gen_random_uuid(),
      filename text not null,
      status text not null default 'analyzing'
        check (status in ('analyzing', 'review', 'importing', 'done', 'failed')),
      file bytea not null,
      progress jsonb not null default '{}',
      problems jsonb not null default '[]',
      summary jsonb not null default '{}',
      error text,
      lease_until timestamptz,
      attempts int not null default 0,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index import_jobs_runnable on import_jobs (updated_at) where status in ('analyzing', 'importing');

    create table import_clusters (
      job_id uuid not null references import_jobs(id) on delete cascade,
      cluster_id text not null,
      ordinal int not null,
      records jsonb not null,
      verdict text not null check (verdict in ('same', 'possible', 'unique')),
      reasons jsonb not null,
      existing jsonb not null,
      decision text not null default 'accept' check (decision in ('accept', 'split', 'skip')),
      outcome text check (outcome in ('created', 'merged', 'needs_review', 'skipped')),
      account_ids uuid[] not null default '{}',
      primary key (job_id, cluster_id)
    );
    create index import_clusters_order on import_clusters (job_id, ordinal);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_clusters, import_jobs`.execute(db);
}
