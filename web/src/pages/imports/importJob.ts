import type {
  ClusterOutcome,
  ClusterReason,
  ImportCluster,
  ImportJob,
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

export const SUMMARY_KEYS = [
  'rows',
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
