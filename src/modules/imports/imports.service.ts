import { extname } from 'node:path';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Page } from '../../http/pagination.js';
import { enqueueJob, runWork, unstorableAt, type Work } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import { admitCustomer, type MatchView } from '../accounts/index.js';
import { ownerFromFile as fileOwner, prepareGroup } from './import-clusters.js';
import * as repo from './imports.repo.js';
import type { JobMessage } from '../../kernel/index.js';
import type {
  ClusterDecision,
  ClusterFilter,
  ClusterOutcome,
  ClusterReason,
  ClusterVerdict,
  ImportProblem,
  ImportRecord,
  ImportStatus,
  JobStatus,
} from './imports.schema.js';

export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const FORMATS = ['.csv', '.xlsx', '.xls'];

export function toImportJob(row: repo.ImportJobRow) {
  return {
    id: row.id,
    filename: row.filename,
    status: row.status as ImportStatus,
    progress: {
      ...(row.job_phase !== null && { phase: row.job_phase }),
      ...(row.job_done !== null && { done: row.job_done }),
      ...(row.job_total !== null && { total: row.job_total }),
      ...(row.job_message ? { message: row.job_message as JobMessage } : {}),
    },
    job: row.job_status
      ? { status: row.job_status as JobStatus, attempts: row.job_attempts ?? 0, error: row.job_error }
      : null,
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
    throw invalid([{ field: 'filename', problem: 'format', message: 'must end in .csv, .xlsx or .xls' }]);
  }
  // The name is stored as text: a NUL (%00 in the query) would make the insert fail as a server error.
  if (unstorableAt(filename) >= 0) {
    throw invalid([
      { field: 'filename', problem: 'format', message: 'must not contain NUL or broken characters' },
    ]);
  }
  if (file.length === 0) throw invalid([{ field: 'body', problem: 'empty', message: 'the file is empty' }]);
  if (!ctx.actor.id) throw new AppError('FORBIDDEN', 'Imports belong to a user');
  const userId = ctx.actor.id;
  return runWork(db, ctx, async (w) => {
    const { id } = await repo.insertImport(w.tx, { filename, file, created_by: userId });
    await runImportJob(w, id);
    w.audit({
      action: 'import.created',
      entityType: 'import',
      entityId: id,
      after: { filename, bytes: file.length },
    });
    return toImportJob((await repo.findImport(w.tx, id))!);
  });
}

/** The job that analyses or imports, as the import's status says; its progress is the import's. */
async function runImportJob(w: Work, importId: string) {
  const job = await enqueueJob(w, 'import', { importId });
  await repo.updateImport(w.tx, importId, { job_id: job.id });
}

export async function getImport(db: Db, ctx: RequestContext, id: string) {
  const job = await repo.findVisibleImport(db, ctx.actor, id);
  if (!job) throw notFound('import', id);
  return toImportJob(job);
}

export async function listImports(db: Db, ctx: RequestContext, page: Page) {
  const { items, total } = await repo.listVisibleImports(db, ctx.actor, page);
  return { items: items.map(toImportJob), total, ...page };
}

export async function listImportClusters(
  db: Db,
  ctx: RequestContext,
  id: string,
  filter: ClusterFilter,
  page: Page,
) {
  await getImport(db, ctx, id);
  const { items, total } = await repo.listVisibleClusters(db, ctx.actor, id, filter, page);
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
      decisionId: c.decision_id,
    })),
    total,
    ...page,
  };
}

/** The import, locked, if it is in `status`: a second start or a late decision waits, then sees the change. */
async function importInStatus(w: Work, id: string, status: ImportStatus) {
  const job = await repo.lockVisibleImport(w.tx, w.actor, id);
  if (!job) throw notFound('import', id);
  if (job.status !== status) {
    throw new AppError('IMPORT_WRONG_STATE', `The import is ${job.status}, not ${status}`, {
      status: job.status,
      expected: status,
    });
  }
  return job;
}

export type ClusterResolution =
  | { action: 'merge'; accountId: string; reason?: string | undefined }
  | { action: 'create'; reason: string }
  | { action: 'skip'; reason?: string | undefined };

/**
 * A person settles a cluster the import left for review: folds its rows into a customer they chose, creates
 * it after all (a look-alike needs the reason; the same customer is still refused), or skips it. Recorded
 * on the cluster, with its decision and an audit entry.
 */
export async function resolveCluster(
  db: Db,
  ctx: RequestContext,
  id: string,
  clusterId: string,
  resolution: ClusterResolution,
) {
  await getImport(db, ctx, id);
  return runWork(db, ctx, async (w) => {
    const seen = await repo.findCluster(w.tx, id, clusterId);
    if (!seen) throw notFound('cluster', clusterId);
    const group = prepareGroup(seen.records as ImportRecord[]);
    // Keys first, then rows: the kernel's lock order.
    if (resolution.action !== 'skip') await w.lockKeys(group.keys);
    await importInStatus(w, id, 'done');
    const cluster = await repo.findCluster(w.tx, id, clusterId, true);
    if (!cluster) throw notFound('cluster', clusterId);
    return settleCluster(w, id, cluster, resolution);
  });
}

/**
 * Settles many clusters the import left for review in one unit of work: each as resolveCluster would,
 * with its own decision and audit entry. Every id is checked before anything is written; an item that is
 * refused (an unknown cluster, one no longer waiting, a customer that already exists) is named in the error
 * by its cluster id and position, and nothing of the request is kept.
 */
export async function resolveClusters(
  db: Db,
  ctx: RequestContext,
  id: string,
  items: readonly (ClusterResolution & { clusterId: string })[],
) {
  await getImport(db, ctx, id);
  const repeated = items.findIndex((item, i) => items.findIndex((o) => o.clusterId === item.clusterId) !== i);
  if (repeated >= 0) {
    throw invalid([
      { field: `items.${repeated}.clusterId`, problem: 'duplicate', message: 'names a cluster twice' },
    ]);
  }
  return runWork(db, ctx, async (w) => {
    const found = new Map(
      (
        await repo.clustersById(
          w.tx,
          id,
          items.map((i) => i.clusterId),
        )
      ).map((c) => [c.cluster_id, c]),
    );
    items.forEach((item, i) => {
      if (!found.has(item.clusterId)) throw unknownCluster(item.clusterId, `items.${i}.clusterId`);
    });
    // Keys first, then rows: the kernel's lock order, for the whole request at once.
    const groups = new Map(
      items.map((item) => [
        item.clusterId,
        prepareGroup(found.get(item.clusterId)!.records as ImportRecord[]),
      ]),
    );
    await w.lockKeys(
      items.flatMap((item) => (item.action === 'skip' ? [] : groups.get(item.clusterId)!.keys)),
    );
    await importInStatus(w, id, 'done');
    const locked = new Map(
      (
        await repo.lockClusters(
          w.tx,
          id,
          items.map((i) => i.clusterId),
        )
      ).map((c) => [c.cluster_id, c]),
    );
    const results = [];
    for (const [i, item] of items.entries()) {
      const cluster = locked.get(item.clusterId);
      if (!cluster) throw unknownCluster(item.clusterId, `items.${i}.clusterId`);
      try {
        results.push({ clusterId: item.clusterId, ...(await settleCluster(w, id, cluster, item)) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new AppError(error.code, `cluster ${item.clusterId}: ${error.message}`, {
          ...error.details,
          clusterId: item.clusterId,
          field: `items.${i}`,
        });
      }
    }
    return { items: results };
  });
}

const unknownCluster = (clusterId: string, field: string) =>
  new AppError('NOT_FOUND', `cluster ${clusterId} was not found in this import`, {
    entity: 'cluster',
    id: clusterId,
    field,
  });

/** One waiting cluster settled as a person chose, inside the caller's unit of work (keys and row locked). */
async function settleCluster(
  w: Work,
  id: string,
  cluster: NonNullable<Awaited<ReturnType<typeof repo.findCluster>>>,
  resolution: ClusterResolution,
) {
  const clusterId = cluster.cluster_id;
  if (cluster.outcome !== 'needs_review') {
    throw new AppError('IMPORT_WRONG_STATE', `This part of the import is ${cluster.outcome}, not waiting`, {
      status: cluster.outcome,
      expected: 'needs_review',
    });
  }
  const group = prepareGroup(cluster.records as ImportRecord[]);
  let outcome: ClusterOutcome = 'skipped';
  let accountIds: string[] = [];
  let decisionId: string | null = null;
  if (resolution.action !== 'skip') {
    const admitted = await admitCustomer(w, {
      values: group.values,
      contacts: [],
      features: group.features,
      source: { kind: 'import', importId: id, clusterId, lines: group.records.map((r) => r.line) },
      choice:
        resolution.action === 'merge'
          ? { action: 'merge', accountId: resolution.accountId }
          : { action: 'create' },
      confirmReason: resolution.action === 'create' ? resolution.reason : undefined,
      reason: resolution.reason,
      owner: await fileOwner(w, id, group),
    });
    if (admitted.outcome === 'needs_review') throw new Error('a person’s choice left for review');
    outcome = admitted.outcome === 'folded' ? 'merged' : 'created';
    accountIds = [admitted.account.id];
    decisionId = admitted.decisionId;
  }
  await repo.setOutcome(
    w.tx,
    id,
    clusterId,
    outcome,
    accountIds,
    outcome === 'created' ? accountIds : [],
    decisionId ?? cluster.decision_id,
  );
  w.audit({
    action: 'import.cluster_resolved',
    entityType: 'import',
    entityId: id,
    before: { clusterId, outcome: cluster.outcome },
    after: { clusterId, outcome, accountIds, action: resolution.action },
    reason: resolution.reason,
    decisionId: decisionId ?? undefined,
  });
  return { outcome, accountIds, decisionId };
}

export async function decideCluster(
  db: Db,
  ctx: RequestContext,
  id: string,
  clusterId: string,
  decision: ClusterDecision,
) {
  await runWork(db, ctx, async (w) => {
    await importInStatus(w, id, 'review');
    const cluster = await repo.findCluster(w.tx, id, clusterId);
    if (!cluster) throw notFound('cluster', clusterId);
    await repo.setDecision(w.tx, id, clusterId, decision);
    w.audit({
      action: 'import.cluster_decided',
      entityType: 'import',
      entityId: id,
      before: { clusterId, decision: cluster.decision },
      after: { clusterId, decision },
    });
  });
}

export type BulkDecision =
  | { decision: ClusterDecision; clusterIds: string[] }
  | {
      acceptSuggested: true;
      verdict?: ClusterVerdict | undefined;
      problems?: boolean | undefined;
      existing?: boolean | undefined;
      q?: string | undefined;
    };

/**
 * Decides many clusters of an import under review at once: the ones named (every id must be one of the
 * import's, or nothing is decided), or every cluster the filters select taking the analysis' suggestion —
 * accept it as grouped. One unit of work; an audit entry per cluster whose decision changed.
 */
export async function decideClusters(db: Db, ctx: RequestContext, id: string, body: BulkDecision) {
  return runWork(db, ctx, async (w) => {
    await importInStatus(w, id, 'review');
    let decision: ClusterDecision;
    let targets: { cluster_id: string; decision: string }[];
    if ('acceptSuggested' in body) {
      decision = 'accept';
      const { acceptSuggested: _, ...filter } = body;
      targets = await repo.visibleClusterIds(w.tx, w.actor, id, filter);
    } else {
      decision = body.decision;
      const ids = [...new Set(body.clusterIds)];
      const found = new Map((await repo.lockClusters(w.tx, id, ids)).map((c) => [c.cluster_id, c]));
      const missing = body.clusterIds.findIndex((c) => !found.has(c));
      if (missing >= 0) throw unknownCluster(body.clusterIds[missing]!, `clusterIds.${missing}`);
      targets = ids.map((c) => found.get(c)!);
    }
    const changed = targets.filter((c) => c.decision !== decision).map((c) => c.cluster_id);
    await repo.setDecisions(w.tx, id, changed, decision);
    for (const clusterId of changed) {
      const before = targets.find((c) => c.cluster_id === clusterId)!.decision;
      w.audit({
        action: 'import.cluster_decided',
        entityType: 'import',
        entityId: id,
        before: { clusterId, decision: before },
        after: { clusterId, decision, bulk: true },
      });
    }
    return { decided: targets.length, clusterIds: targets.map((c) => c.cluster_id) };
  });
}

/** Reviewed: import the clusters as decided. The worker does it, in steps that survive a restart. */
export async function startImport(db: Db, ctx: RequestContext, id: string) {
  return runWork(db, ctx, async (w) => {
    await importInStatus(w, id, 'review');
    await repo.updateImport(w.tx, id, { status: 'importing' });
    await runImportJob(w, id);
    w.audit({ action: 'import.started', entityType: 'import', entityId: id });
    return toImportJob((await repo.findImport(w.tx, id))!);
  });
}
