import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { systemContext, type RequestContext } from '../access/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import { findUserById } from '../auth/auth.repo.js';
import { actorFromUser } from '../auth/auth.service.js';
import { analyzeImport } from './analyze.js';
import type { ImportRecord } from './imports.schema.js';
import { importRecords, type Outcome } from './import-clusters.js';
import * as repo from './imports.repo.js';

const LEASE_SECONDS = 120;
const BATCH = 25;

async function jobContext(db: Db, job: repo.ImportJobRow): Promise<RequestContext> {
  const user = await findUserById(db, job.created_by);
  if (!user) throw new Error(`import ${job.id}: its creator is gone`);
  return { actor: actorFromUser(user), requestId: `import:${job.id}` };
}

/**
 * One step of the import worker: lease the next runnable job and run it. Each step commits as it goes and
 * renews the lease, so a crashed node's job is picked up again once its lease runs out.
 */
export async function runNextImportJob(db: Db, log: FastifyBaseLogger): Promise<boolean> {
  const job = await repo.leaseNextJob(db, LEASE_SECONDS);
  if (!job) return false;
  try {
    const ctx = await jobContext(db, job);
    if (job.status === 'analyzing') await analyzeStep(db, job, ctx);
    else await importStep(db, job, ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ importId: job.id, err: message }, 'import failed');
    // A file we cannot read is final; anything else is tried again when the lease runs out, up to 3 times.
    if (error instanceof AppError || job.attempts >= 3) {
      await db.transaction().execute(async (tx) => {
        await repo.updateJob(tx, job.id, { status: 'failed', error: message }, 0);
        await recordAudit(tx, systemContext('import-worker'), {
          action: 'import.failed',
          entityType: 'import',
          entityId: job.id,
          after: { error: message, attempts: job.attempts },
        });
      });
    }
  }
  return true;
}

async function analyzeStep(db: Db, job: repo.ImportJobRow, ctx: RequestContext) {
  const progress = (phase: string, done: number, total: number) =>
    repo.updateJob(db, job.id, { progress: JSON.stringify({ phase, done, total }) }, LEASE_SECONDS);
  const { clusters, problems, summary } = await analyzeImport(db, job, ctx.actor, progress);
  await db.transaction().execute(async (tx) => {
    await repo.replaceClusters(tx, job.id, clusters);
    await repo.updateJob(
      tx,
      job.id,
      {
        status: 'review',
        problems: JSON.stringify(problems),
        summary: JSON.stringify(summary),
        progress: JSON.stringify({ phase: 'review', done: summary.clusters, total: summary.clusters }),
      },
      0,
    );
    await recordAudit(tx, ctx, {
      action: 'import.analyzed',
      entityType: 'import',
      entityId: job.id,
      after: summary,
    });
  });
}

const SEVERITY: Record<Outcome, number> = { created: 0, merged: 1, needs_review: 2 };

async function importStep(db: Db, job: repo.ImportJobRow, ctx: RequestContext) {
  const reason = `import ${job.filename} (${job.id})`;
  for (;;) {
    const batch = await repo.pendingClusters(db, job.id, BATCH);
    if (batch.length === 0) break;
    for (const cluster of batch) {
      await db.transaction().execute(async (tx) => {
        const records = cluster.records as ImportRecord[];
        if (cluster.decision === 'skip') {
          await repo.setOutcome(tx, job.id, cluster.cluster_id, 'skipped', []);
          return;
        }
        // A split cluster imports row by row; the cluster reports its most cautious outcome.
        const groups = cluster.decision === 'split' ? records.map((r) => [r]) : [records];
        let outcome: Outcome = 'created';
        const ids: string[] = [];
        for (const group of groups) {
          const result = await importRecords(tx, ctx, group, reason);
          if (SEVERITY[result.outcome] > SEVERITY[outcome]) outcome = result.outcome;
          ids.push(...result.accountIds);
        }
        await repo.setOutcome(tx, job.id, cluster.cluster_id, outcome, ids);
      });
    }
    const counts = await repo.outcomeCounts(db, job.id);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await repo.updateJob(
      db,
      job.id,
      { progress: JSON.stringify({ phase: 'import', done: total - (counts.pending ?? 0), total }) },
      LEASE_SECONDS,
    );
  }
  const counts = await repo.outcomeCounts(db, job.id);
  await db.transaction().execute(async (tx) => {
    const summary = { ...(job.summary as object), imported: counts };
    await repo.updateJob(tx, job.id, { status: 'done', summary: JSON.stringify(summary) }, 0);
    await recordAudit(tx, ctx, {
      action: 'import.completed',
      entityType: 'import',
      entityId: job.id,
      after: counts,
    });
  });
}
