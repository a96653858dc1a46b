import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ImportClusterTable, ImportJobTable } from '../../db/types.js';
import type { Page } from '../../http/pagination.js';

export type ImportJobRow = Omit<Selectable<ImportJobTable>, 'file'>;

const jobColumns = [
  'id',
  'filename',
  'status',
  'progress',
  'problems',
  'summary',
  'error',
  'lease_until',
  'attempts',
  'created_by',
  'created_at',
  'updated_at',
] as const;

export async function insertJob(db: Executor, job: { filename: string; file: Buffer; created_by: string }) {
  return db.insertInto('import_jobs').values(job).returning(jobColumns).executeTakeFirstOrThrow();
}

/** Jobs are visible to their creator, and to anyone whose scope is everything. */
export async function findJob(
  db: Executor,
  id: string,
  visibleTo?: string,
  lock = false,
): Promise<ImportJobRow | undefined> {
  let query = db.selectFrom('import_jobs').select(jobColumns).where('id', '=', id);
  if (visibleTo) query = query.where('created_by', '=', visibleTo);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function listJobs(db: Executor, visibleTo: string | undefined, page: Page) {
  let query = db.selectFrom('import_jobs');
  if (visibleTo) query = query.where('created_by', '=', visibleTo);
  const [items, count] = await Promise.all([
    query.select(jobColumns).orderBy('created_at', 'desc').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function readJobFile(db: Executor, id: string): Promise<Buffer> {
  const row = await db
    .selectFrom('import_jobs')
    .select('file')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.file);
}

/** Takes the next job that is runnable and not leased by a live worker, and leases it. */
export async function leaseNextJob(db: Executor, leaseSeconds: number): Promise<ImportJobRow | undefined> {
  return db.transaction().execute(async (tx) => {
    const job = await tx
      .selectFrom('import_jobs')
      .select('id')
      .where('status', 'in', ['analyzing', 'importing'])
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<string>`now()`)]))
      .orderBy('updated_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!job) return undefined;
    return tx
      .updateTable('import_jobs')
      .set({
        lease_until: sql<string>`now() + make_interval(secs => ${leaseSeconds})`,
        attempts: sql<number>`attempts + 1`,
      })
      .where('id', '=', job.id)
      .returning(jobColumns)
      .executeTakeFirst();
  });
}

export async function updateJob(
  db: Executor,
  id: string,
  patch: Partial<{
    status: string;
    progress: string;
    problems: string;
    summary: string;
    error: string | null;
  }>,
  leaseSeconds?: number,
) {
  await db
    .updateTable('import_jobs')
    .set({
      ...patch,
      updated_at: new Date().toISOString(),
      ...(leaseSeconds !== undefined && {
        lease_until: leaseSeconds > 0 ? sql<string>`now() + make_interval(secs => ${leaseSeconds})` : null,
      }),
    })
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

export async function listClusters(
  db: Executor,
  jobId: string,
  filter: { verdict?: string | undefined; outcome?: string | undefined },
  page: Page,
) {
  let query = db.selectFrom('import_clusters').where('job_id', '=', jobId);
  if (filter.verdict) query = query.where('verdict', '=', filter.verdict);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('ordinal').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function findCluster(db: Executor, jobId: string, clusterId: string) {
  return db
    .selectFrom('import_clusters')
    .selectAll()
    .where('job_id', '=', jobId)
    .where('cluster_id', '=', clusterId)
    .executeTakeFirst();
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
) {
  await db
    .updateTable('import_clusters')
    .set({ outcome, account_ids: accountIds })
    .where('job_id', '=', jobId)
    .where('cluster_id', '=', clusterId)
    .execute();
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
