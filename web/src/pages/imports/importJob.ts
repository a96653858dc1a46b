import type {
  ClusterOutcome,
  ClusterReason,
  ImportCluster,
  ImportJob,
  ImportJobRun,
  ImportStatus,
  MatchEvidence,
} from '../../api/types.js';

export const IMPORT_STATUS_COLORS: Record<ImportStatus, string> = {
  analyzing: 'processing',
  review: 'gold',
  importing: 'processing',
  done: 'green',
  failed: 'red',
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Content-Type the upload is sent with, by the file's extension; null for files that cannot be imported. */
export function uploadContentType(filename: string): string | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return XLSX_TYPE;
  if (lower.endsWith('.xls')) return 'application/vnd.ms-excel';
  return null;
}

/** A job the worker is busy with: its page polls until it stops. */
export const isRunning = (status: ImportStatus) => status === 'analyzing' || status === 'importing';

/** 0–100, or null while the total is not known yet. */
export function progressPercent(progress: ImportJob['progress']): number | null {
  const { done, total } = progress;
  if (typeof done !== 'number' || typeof total !== 'number' || total <= 0) return null;
  return Math.min(100, Math.floor((done / total) * 100));
}

/**
 * Where the job behind an import stands, as a person needs to know it: waiting for a worker, at work (on
 * which attempt), waiting to try again after a failed attempt, or given up. Null once it is done, or when
 * no job runs (an import waiting for review).
 */
export type JobRunState =
  | { state: 'waiting' }
  | { state: 'running'; attempt: number }
  | { state: 'retrying'; attempts: number; error: string | null }
  | { state: 'failed'; attempts: number; error: string | null; dead: boolean };

export function jobRunState(job: ImportJobRun | null): JobRunState | null {
  if (!job) return null;
  switch (job.status) {
    case 'queued':
      // Attempts are counted when a worker takes the job: a queued job with some behind it failed and waits.
      return job.attempts > 0
        ? { state: 'retrying', attempts: job.attempts, error: job.error }
        : { state: 'waiting' };
    case 'running':
      return { state: 'running', attempt: Math.max(1, job.attempts) };
    case 'failed':
    case 'dead':
      return { state: 'failed', attempts: job.attempts, error: job.error, dead: job.status === 'dead' };
    case 'done':
      return null;
  }
}

/** "1,200 / 5,000" once the total is known, "5,000" while only the count is (reading a file), else null. */
export function progressCounts(progress: ImportJob['progress'], language: string): string | null {
  const number = new Intl.NumberFormat(language);
  const { done, total } = progress;
  if (typeof total === 'number' && total > 0) return `${number.format(done ?? 0)} / ${number.format(total)}`;
  if (typeof done === 'number' && done > 0) return number.format(done);
  return null;
}

export const SUMMARY_KEYS = [
  'rows',
  'usableRows',
  'problems',
  'clusters',
  'duplicateRowsInFile',
  'clustersMatchingExisting',
] as const;

/** The analysis numbers the job reports, in a fixed order; missing ones are left out. */
export function summaryNumbers(summary: ImportJob['summary']) {
  return SUMMARY_KEYS.flatMap((key) => {
    const value = summary[key];
    return typeof value === 'number' ? [{ key, value }] : [];
  });
}

/** The outcome of a finished import: created / merged / needs_review / skipped, zero when absent. */
export function importedCounts(summary: ImportJob['summary']): Record<ClusterOutcome, number> | null {
  const imported = summary.imported;
  if (typeof imported !== 'object' || imported === null) return null;
  const counts = imported as Record<string, unknown>;
  const count = (key: ClusterOutcome) => (typeof counts[key] === 'number' ? counts[key] : 0);
  return {
    created: count('created'),
    merged: count('merged'),
    needs_review: count('needs_review'),
    skipped: count('skipped'),
  };
}

export interface ClusterExplanation {
  /** The rows compared, by line in the file, when they are in this cluster. */
  line?: number;
  partnerLine?: number;
  partnerId: string;
  verdict: ClusterReason['verdict'];
  notMerged: boolean;
  reasons: MatchEvidence[];
}

/** A cluster's reasons paired with its rows' lines; a pair explained from both sides is shown once. */
export function clusterExplanations(
  cluster: Pick<ImportCluster, 'records' | 'reasons'>,
): ClusterExplanation[] {
  const lineOf = (id: string) => cluster.records.find((r) => r.id === id)?.line;
  const seen = new Set<string>();
  return cluster.reasons.flatMap((r) => {
    const pair = [r.rowId, r.partnerId].sort().join('\u0000');
    if (seen.has(pair)) return [];
    seen.add(pair);
    const line = lineOf(r.rowId);
    const partnerLine = lineOf(r.partnerId);
    return [
      {
        ...(line !== undefined ? { line } : {}),
        ...(partnerLine !== undefined ? { partnerLine } : {}),
        partnerId: r.partnerId,
        verdict: r.verdict,
        notMerged: r.notMerged,
        reasons: r.reasons,
      },
    ];
  });
}
