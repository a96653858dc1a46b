import { AppError } from '../../errors.js';
import {
  enqueueJob,
  storableText,
  type JobContext,
  type JobFailure,
  type JobHandler,
  type JobRow,
  type Work,
} from '../../kernel/index.js';
import { refusalProblem } from '../matching/index.js';
import { analyzeImport } from './analyze.js';
import { importGroup, prepareGroup, type Outcome } from './import-clusters.js';
import * as repo from './imports.repo.js';
import type { ImportProblem, ImportRecord } from './imports.schema.js';

const BATCH = 25;
const SEVERITY: Record<Outcome, number> = { created: 0, merged: 1, needs_review: 2 };

export interface ImportJobOptions {
  /** Heap of the thread that reads an uploaded file (config IMPORT_MEMORY_MB). */
  memoryMb: number;
}

/**
 * The job that runs an import: analysis (read, cluster, match against existing accounts, store clusters for
 * review), or — once a person started it — the import itself, a batch of clusters per unit of work. Every
 * part commits as it goes and progress is live; a node that dies loses its lease and another node resumes
 * where the recorded outcomes stop.
 */
export function importJob(options: ImportJobOptions): JobHandler {
  return {
    kind: 'import',
    leaseSeconds: 300,
    async run(job) {
      const importId = (job.job.payload as { importId: string }).importId;
      const current = await repo.findImport(job.db, importId);
      if (!current) throw new AppError('NOT_FOUND', `import ${importId} is gone`);
      if (current.status === 'analyzing') return analyzeStep(job, current, options);
      if (current.status === 'importing') return importStep(job, current);
      return 'done';
    },
    async failed(w, job, error) {
      const importId = (job.payload as { importId: string }).importId;
      const current = await repo.findImport(w.tx, importId);
      const problem = failureProblem(job, error);
      await repo.updateImport(w.tx, importId, {
        status: 'failed',
        error: storableText(error.message),
        // Why it failed, first, as a code the UI translates; what an analysis found before stays.
        ...(problem && {
          problems: JSON.stringify([problem, ...((current?.problems as ImportProblem[] | undefined) ?? [])]),
        }),
      });
      w.audit({
        action: 'import.failed',
        entityType: 'import',
        entityId: importId,
        after: { code: error.code, error: storableText(error.message), attempts: job.attempts },
      });
      w.emit('import.failed', { importId });
    },
  };
}

/** The problem a failure shows: the file's refusal, or the job given up after its process died each time. */
function failureProblem(job: JobRow, error: JobFailure): ImportProblem | null {
  if (error.code === 'JOB_EXHAUSTED') {
    return {
      line: 1,
      code: 'JOB_EXHAUSTED',
      message: storableText(error.message),
      params: { attempts: job.attempts },
    };
  }
  return refusalProblem(error.details);
}

async function analyzeStep(
  job: JobContext,
  current: repo.ImportJobRow,
  options: ImportJobOptions,
): Promise<'done'> {
  const { clusters, problems, summary } = await analyzeImport(
    job.db,
    current,
    job.ctx.actor,
    (phase, done, total) => job.progress({ phase, done, total }, { force: done === 0 }),
    { memoryMb: options.memoryMb, signal: job.signal },
  );
  await job.work(async (w) => {
    await repo.replaceClusters(w.tx, current.id, clusters);
    await repo.updateImport(w.tx, current.id, {
      status: 'review',
      problems: JSON.stringify(problems),
      summary: JSON.stringify(summary),
    });
    w.audit({ action: 'import.analyzed', entityType: 'import', entityId: current.id, after: summary });
    w.emit('import.analyzed', { importId: current.id });
  });
  await job.progress({ phase: 'review', done: summary.clusters, total: summary.clusters }, { force: true });
  return 'done';
}

async function importStep(job: JobContext, current: repo.ImportJobRow): Promise<'done' | 'again'> {
  const reason = `import ${current.filename} (${current.id})`;
  const progress = async () => {
    const counts = await repo.outcomeCounts(job.db, current.id);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await job.progress({ phase: 'import', done: total - (counts.pending ?? 0), total }, { force: true });
  };
  await progress();
  for (;;) {
    if (job.signal.aborted) return 'again';
    const imported = await job.work((w) => importBatch(w, current.id, reason));
    if (imported === 0) break;
    await progress();
  }
  await job.work(async (w) => {
    const counts = await repo.outcomeCounts(w.tx, current.id);
    const summary = { ...(current.summary as object), imported: counts };
    await repo.updateImport(w.tx, current.id, { status: 'done', summary: JSON.stringify(summary) });
    w.audit({ action: 'import.completed', entityType: 'import', entityId: current.id, after: counts });
    w.emit('import.completed', { importId: current.id });
    // Bulk work is anchored at once: chain what it wrote and sign a checkpoint.
    await enqueueJob(w, 'audit.checkpoint', { after: current.id });
  });
  return 'done';
}

/**
 * The next clusters in file order, in one unit of work: every match key the batch needs is locked first, in
 * one sorted call (so an import and a person creating the same company can never deadlock), then each
 * group is admitted in its own savepoint. Returns how many clusters it recorded.
 */
async function importBatch(w: Work, importId: string, reason: string): Promise<number> {
  const batch = await repo.pendingClusters(w.tx, importId, BATCH);
  const plans = batch.map((cluster) => {
    const records = cluster.records as ImportRecord[];
    // A split cluster imports row by row; the cluster reports its most cautious outcome.
    const groups =
      cluster.decision === 'skip' ? [] : cluster.decision === 'split' ? records.map((r) => [r]) : [records];
    return { cluster, groups: groups.map(prepareGroup) };
  });
  await w.lockKeys(plans.flatMap((p) => p.groups.flatMap((g) => g.keys)));
  // What the review kept apart stays apart: no row folds into an account another row of this import made.
  const made = await repo.createdByImport(w.tx, importId);
  for (const { cluster, groups } of plans) {
    if (cluster.decision === 'skip') {
      await repo.setOutcome(w.tx, importId, cluster.cluster_id, 'skipped', []);
      continue;
    }
    let outcome: Outcome = 'created';
    const ids: string[] = [];
    const created: string[] = [];
    let waiting: string | null = null;
    for (const group of groups) {
      const result = await importGroup(w, importId, cluster.cluster_id, group, reason, made);
      if (SEVERITY[result.outcome] > SEVERITY[outcome]) outcome = result.outcome;
      ids.push(...result.accountIds);
      if (result.outcome === 'needs_review') waiting ??= result.decisionId;
      if (result.outcome === 'created') {
        created.push(...result.accountIds);
        for (const id of result.accountIds) made.add(id);
      }
    }
    await repo.setOutcome(w.tx, importId, cluster.cluster_id, outcome, ids, created, waiting);
  }
  return batch.length;
}
