import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ImportClusterTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';
import { visible } from '../../kernel/visibility.js';
import type { Actor } from '../access/index.js';

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

export async function listVisibleClusters(
  db: Executor,
  actor: Actor,
  jobId: string,
  filter: { verdict?: string | undefined; outcome?: string | undefined },
  page: Page,
) {
  let query = db
    .selectFrom('import_clusters')
    .where(visible('import_cluster', actor))
    .where('import_clusters.job_id', '=', jobId);
  if (filter.verdict) query = query.where('import_clusters.verdict', '=', filter.verdict);
  if (filter.outcome) query = query.where('import_clusters.outcome', '=', filter.outcome);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('import_clusters.ordinal').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
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
