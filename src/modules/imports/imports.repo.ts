import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ImportClusterTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';
import type { ClusterFilter } from './imports.schema.js';

const jobColumns = [
  'import_jobs.id',
  'import_jobs.filename',
  'import_jobs.status',
  'import_jobs.problems',
  'import_jobs.summary',
  'import_jobs.error',
  'import_jobs.job_id',
  'import_jobs.created_by',
  'import_jobs.created_at',
  'import_jobs.updated_at',
] as const;

/** An import with the live progress of the job that runs it (none while it waits for review). */
function importsWithProgress(db: Executor) {
  return db
    .selectFrom('import_jobs')
    .leftJoin('jobs', 'jobs.id', 'import_jobs.job_id')
    .select(jobColumns)
    .select([
      'jobs.phase as job_phase',
      'jobs.done as job_done',
      'jobs.total as job_total',
      'jobs.message as job_message',
      'jobs.status as job_status',
      'jobs.attempts as job_attempts',
      'jobs.last_error as job_error',
    ]);
}

export type ImportJobRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export async function insertImport(
  db: Executor,
  row: { filename: string; file: Buffer; created_by: string },
): Promise<{ id: string }> {
  return db.insertInto('import_jobs').values(row).returning('id').executeTakeFirstOrThrow();
}

/** An import, for the job that runs it (no scope: the job acts as the import's creator). */
export async function findImport(db: Executor, id: string) {
  return importsWithProgress(db).where('import_jobs.id', '=', id).executeTakeFirst();
}

export async function findVisibleImport(db: Executor, actor: Actor, id: string) {
  return importsWithProgress(db)
    .where(visible('import', actor))
    .where('import_jobs.id', '=', id)
    .executeTakeFirst();
}

/** The import locked for a state change, if the actor may see it. */
export async function lockVisibleImport(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('import_jobs')
    .select(['import_jobs.id', 'import_jobs.status'])
    .where(visible('import', actor))
    .where('import_jobs.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listVisibleImports(db: Executor, actor: Actor, page: Page) {
  const query = db.selectFrom('import_jobs').where(visible('import', actor));
  const [items, count] = await Promise.all([
    importsWithProgress(db)
      .where(visible('import', actor))
      .orderBy('import_jobs.created_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function readImportFile(db: Executor, id: string): Promise<Buffer> {
  const row = await db
    .selectFrom('import_jobs')
    .select('file')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.file);
}

export async function updateImport(
  db: Executor,
  id: string,
  patch: Partial<{
    status: string;
    problems: string;
    summary: string;
    error: string | null;
    job_id: string | null;
  }>,
) {
  await db
    .updateTable('import_jobs')
    .set({ ...patch, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function replaceClusters(
  db: Executor,
  jobId: string,
  clusters: Insertable<ImportClusterTable>[],
) {
  await db.deleteFrom('import_clusters').where('job_id', '=', jobId).execute();
  for (let i = 0; i < clusters.length; i += 500) {
    await db
      .insertInto('import_clusters')
      .values(clusters.slice(i, i + 500))
      .execute();
  }
}

/**
 * How much a cluster needs a person's eye, most first: rows waiting for a decision, rows that look like a
 * customer already here, rows that may be the same as rows elsewhere in the file, rows grouped as one
 * company, and plain single rows last.
 */
const riskRank = sql<number>`case
  when import_clusters.outcome = 'needs_review' then 0
  when jsonb_array_length(import_clusters.existing) > 0 then 1
  when import_clusters.verdict = 'possible' then 2
  when import_clusters.verdict = 'same' then 3
  else 4 end`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An import's clusters the actor may see, narrowed by the review's filters. */
function filteredClusters(db: Executor, actor: Actor, jobId: string, filter: Omit<ClusterFilter, 'sort'>) {
  let query = db
    .selectFrom('import_clusters')
    .where(visible('import_cluster', actor))
    .where('import_clusters.job_id', '=', jobId);
  if (filter.verdict) query = query.where('import_clusters.verdict', '=', filter.verdict);
  if (filter.outcome) query = query.where('import_clusters.outcome', '=', filter.outcome);
  if (filter.pending !== undefined)
    query = query.where('import_clusters.outcome', filter.pending ? 'is' : 'is not', null);
  if (filter.existing !== undefined)
    query = query.where(
      sql<SqlBool>`(jsonb_array_length(import_clusters.existing) > 0) = ${filter.existing}`,
    );
  if (filter.problems !== undefined)
    query = query.where(
      sql<SqlBool>`exists (select 1 from jsonb_array_elements(import_clusters.records) r
        where jsonb_array_length(coalesce(r->'problems', '[]'::jsonb)) > 0) = ${filter.problems}`,
    );
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where(
      sql<SqlBool>`exists (select 1 from jsonb_array_elements(import_clusters.records) r
        where r->>'name' ilike ${like})`,
    );
  }
  return query;
}

export async function listVisibleClusters(
  db: Executor,
  actor: Actor,
  jobId: string,
  filter: ClusterFilter,
  page: Page,
) {
  const query = filteredClusters(db, actor, jobId, filter);
  const ordered =
    filter.sort === 'risk'
      ? query.selectAll().orderBy(riskRank).orderBy('import_clusters.ordinal')
      : query.selectAll().orderBy('import_clusters.ordinal');
  const [items, count] = await Promise.all([
    ordered.limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** The ids of the clusters a filter selects, in file order (for "accept all suggested"). */
export async function visibleClusterIds(
  db: Executor,
  actor: Actor,
  jobId: string,
  filter: Omit<ClusterFilter, 'sort'>,
) {
  const rows = await filteredClusters(db, actor, jobId, filter)
    .select(['import_clusters.cluster_id', 'import_clusters.decision'])
    .orderBy('import_clusters.ordinal')
    .execute();
  return rows;
}

export async function clustersById(db: Executor, jobId: string, clusterIds: readonly string[]) {
  if (clusterIds.length === 0) return [];
  return db
    .selectFrom('import_clusters')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('cluster_id', 'in', [...clusterIds])
    .execute();
}

/** These clusters of an import, locked, in id order (one lock order for every bulk caller). */
export async function lockClusters(db: Executor, jobId: string, clusterIds: readonly string[]) {
  if (clusterIds.length === 0) return [];
  return db
    .selectFrom('import_clusters')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('cluster_id', 'in', [...clusterIds])
    .orderBy('cluster_id')
    .forUpdate()
    .execute();
}

export async function setDecisions(
  db: Executor,
  jobId: string,
  clusterIds: readonly string[],
  decision: string,
) {
  if (clusterIds.length === 0) return;
  await db
    .updateTable('import_clusters')
    .set({ decision })
    .where('job_id', '=', jobId)
    .where('cluster_id', 'in', [...clusterIds])
    .execute();
}

export async function findCluster(db: Executor, jobId: string, clusterId: string, lock = false) {
  const query = db
    .selectFrom('import_clusters')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('cluster_id', '=', clusterId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function setDecision(db: Executor, jobId: string, clusterId: string, decision: string) {
  await db
    .updateTable('import_clusters')
    .set({ decision })
    .where('job_id', '=', jobId)
    .where('cluster_id', '=', clusterId)
    .execute();
}

/** The next clusters still to import, in file order. */
export async function pendingClusters(db: Executor, jobId: string, limit: number) {
  return db
    .selectFrom('import_clusters')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('outcome', 'is', null)
    .orderBy('ordinal')
    .limit(limit)
    .execute();
}

export async function setOutcome(
  db: Executor,
  jobId: string,
  clusterId: string,
  outcome: string,
  accountIds: string[],
  createdIds: string[] = [],
  decisionId: string | null = null,
) {
  await db
    .updateTable('import_clusters')
    .set({ outcome, account_ids: accountIds, created_ids: createdIds, decision_id: decisionId })
    .where('job_id', '=', jobId)
    .where('cluster_id', '=', clusterId)
    .execute();
}

/** Accounts this import has made so far. */
export async function createdByImport(db: Executor, jobId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('import_clusters')
    .select('created_ids')
    .where('job_id', '=', jobId)
    .where('outcome', 'is not', null)
    .execute();
  return new Set(rows.flatMap((r) => r.created_ids));
}

export async function outcomeCounts(db: Executor, jobId: string) {
  const rows = await db
    .selectFrom('import_clusters')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where('job_id', '=', jobId)
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.outcome ?? 'pending', Number(r.n)]));
}

/** An import's clusters in file order, a batch at a time, for the result export. */
export async function* iterateVisibleClusters(db: Executor, actor: Actor, jobId: string, batch = 500) {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('import_clusters')
      .selectAll()
      .where(visible('import_cluster', actor))
      .where('import_clusters.job_id', '=', jobId)
      .where('import_clusters.ordinal', '>', after)
      .orderBy('import_clusters.ordinal')
      .limit(batch)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = rows.at(-1)!.ordinal;
  }
}
