import { extname } from 'node:path';
import type { Db, Tx } from '../../db/database.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import type { RequestContext } from '../access/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MatchView } from '../accounts/duplicates.js';
import * as repo from './imports.repo.js';
import type {
  ClusterDecision,
  ClusterOutcome,
  ClusterReason,
  ClusterVerdict,
  ImportProblem,
  ImportRecord,
  ImportStatus,
} from './imports.schema.js';

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const FORMATS = ['.csv', '.xlsx'];

/** Imports are seen by their creator; a caller whose scope is everything sees all of them. */
function visibleTo(ctx: RequestContext): string | undefined {
  if (ctx.actor.scope === 'all') return undefined;
  if (!ctx.actor.id) throw forbidden('Imports belong to a user; this caller is none');
  return ctx.actor.id;
}

export function toImportJob(row: repo.ImportJobRow) {
  return {
    id: row.id,
    filename: row.filename,
    status: row.status as ImportStatus,
    progress: row.progress as { phase?: string; done?: number; total?: number },
    summary: row.summary as Record<string, unknown>,
    problems: row.problems as ImportProblem[],
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createImport(db: Db, ctx: RequestContext, filename: string, file: Buffer) {
  const format = extname(filename).toLowerCase();
  if (!FORMATS.includes(format)) {
    throw invalid([{ field: 'filename', problem: 'format', message: 'must end in .csv or .xlsx' }]);
  }
  if (file.length === 0) throw invalid([{ field: 'body', problem: 'empty', message: 'the file is empty' }]);
  if (!ctx.actor.id) throw new AppError('FORBIDDEN', 'Imports belong to a user');
  const userId = ctx.actor.id;
  return db.transaction().execute(async (tx) => {
    const job = await repo.insertJob(tx, { filename, file, created_by: userId });
    await recordAudit(tx, ctx, {
      action: 'import.created',
      entityType: 'import',
      entityId: job.id,
      after: { filename, bytes: file.length },
    });
    return toImportJob(job);
  });
}

export async function getImport(db: Db, ctx: RequestContext, id: string) {
  const job = await repo.findJob(db, id, visibleTo(ctx));
  if (!job) throw notFound('import', id);
  return toImportJob(job);
}

export async function listImports(db: Db, ctx: RequestContext, page: Page) {
  const { items, total } = await repo.listJobs(db, visibleTo(ctx), page);
  return { items: items.map(toImportJob), total, ...page };
}

export async function listImportClusters(
  db: Db,
  ctx: RequestContext,
  id: string,
  filter: { verdict?: string | undefined; outcome?: string | undefined },
  page: Page,
) {
  await getImport(db, ctx, id);
  const { items, total } = await repo.listClusters(db, id, filter, page);
  return {
    items: items.map((c) => ({
      clusterId: c.cluster_id,
      verdict: c.verdict as ClusterVerdict,
      records: c.records as ImportRecord[],
      reasons: c.reasons as ClusterReason[],
      existing: c.existing as MatchView[],
      decision: c.decision as ClusterDecision,
      outcome: c.outcome as ClusterOutcome | null,
      accountIds: c.account_ids,
    })),
    total,
    ...page,
  };
}

/** The job, locked for the caller's transaction, if it is in `status`: a second start or a late decision waits, then sees the change. */
async function jobInStatus(tx: Tx, ctx: RequestContext, id: string, status: ImportStatus) {
  const job = await repo.findJob(tx, id, visibleTo(ctx), true);
  if (!job) throw notFound('import', id);
  if (job.status !== status) {
    throw new AppError('CONFLICT', `The import is ${job.status}, not ${status}`, { status: job.status });
  }
  return job;
}

export async function decideCluster(
  db: Db,
  ctx: RequestContext,
  id: string,
  clusterId: string,
  decision: ClusterDecision,
) {
  await db.transaction().execute(async (tx) => {
    await jobInStatus(tx, ctx, id, 'review');
    const cluster = await repo.findCluster(tx, id, clusterId);
    if (!cluster) throw notFound('cluster', clusterId);
    await repo.setDecision(tx, id, clusterId, decision);
    await recordAudit(tx, ctx, {
      action: 'import.cluster_decided',
      entityType: 'import',
      entityId: id,
      before: { clusterId, decision: cluster.decision },
      after: { clusterId, decision },
    });
  });
}

/** Reviewed: import the clusters as decided. The worker does it, in steps that survive a restart. */
export async function startImport(db: Db, ctx: RequestContext, id: string) {
  return db.transaction().execute(async (tx) => {
    await jobInStatus(tx, ctx, id, 'review');
    await repo.updateJob(tx, id, { status: 'importing' }, 0);
    await recordAudit(tx, ctx, { action: 'import.started', entityType: 'import', entityId: id });
    return toImportJob((await repo.findJob(tx, id))!);
  });
}
