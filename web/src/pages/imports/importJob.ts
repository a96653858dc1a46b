import type { ClusterOutcome, ImportCluster, ImportJob, ImportStatus, MatchReason } from '../../api/types.js';

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

export interface ClusterReason {
  verdict: string;
  /** The id of the row this one was compared with. */
  partnerId: string;
  reasons: MatchReason[];
}

const FIELD = '(?:uscc|name|region|industry|legalForm|branch|phone|email|domain)';
const COMPARISON = '(?:equal|similar|homophone|compatible|unique|different|conflict|ignored)';
const SPLIT = new RegExp(`; (?=${FIELD} ${COMPARISON} )`);
const REASON = new RegExp(`^(${FIELD}) (${COMPARISON}) (.*) \\(([+-]?\\d+(?:\\.\\d+)?)\\)$`);

/**
 * The line's head, in each wording the bulk matcher has used: "same as 2" and "possible as 2", or
 * "same company as 2" and "possibly 2 (cluster 1)".
 */
const HEAD =
  /^(?:(same|possible) as (.+?)|same company as (.+?)|possibly (.+?) \(cluster [^)]*\)): (.*?)(?: \[possible duplicate of .*\])?$/;

/**
 * The bulk matcher explains a row in one line ("same as 2: name equal 字节跳动 / 字节跳动 (+3.0); phone equal
 * +861062123456 shared by 2 records (+4.0)"). Read back into reasons, it is shown like the entry check's;
 * null when the line is not in that form (then it is shown as it is).
 */
export function parseClusterReason(line: string): ClusterReason | null {
  const head = HEAD.exec(line);
  if (!head) return null;
  const [, oldVerdict, oldPartner, samePartner, possiblePartner, body = ''] = head;
  const verdict = oldVerdict ?? (samePartner !== undefined ? 'same' : 'possible');
  const partnerId = oldPartner ?? samePartner ?? possiblePartner ?? '';
  const reasons: MatchReason[] = [];
  for (const part of body ? body.split(SPLIT) : []) {
    const m = REASON.exec(part);
    if (!m) return null;
    reasons.push({
      field: m[1] ?? '',
      comparison: m[2] ?? '',
      detail: m[3] ?? '',
      contribution: Number(m[4]),
    });
  }
  return { verdict, partnerId, reasons };
}

export interface ClusterExplanation {
  /** The row explained and the row it was compared with, by line, when known. */
  line?: number;
  partnerLine?: number;
  partnerId: string;
  reasons: MatchReason[];
}

/**
 * A cluster's reason lines, read and paired with rows. The server writes one line per row that has one, in
 * row order, so when every row has a line they line up. A pair explained from both sides (row 2 as row 3,
 * row 3 as row 2) is shown once. Lines that cannot be read are returned in `unread`.
 */
export function clusterExplanations(cluster: Pick<ImportCluster, 'records' | 'reasons'>) {
  const aligned = cluster.reasons.length === cluster.records.length;
  const lineOf = (id: string) => cluster.records.find((r) => r.id === id)?.line;
  const seen = new Set<string>();
  const explained: ClusterExplanation[] = [];
  const unread: string[] = [];
  cluster.reasons.forEach((text, i) => {
    const parsed = parseClusterReason(text);
    if (!parsed) {
      unread.push(text);
      return;
    }
    const line = aligned ? cluster.records[i]?.line : undefined;
    const partnerLine = lineOf(parsed.partnerId);
    const pair = [line ?? `#${i}`, partnerLine ?? parsed.partnerId].map(String).sort().join('|');
    if (seen.has(pair)) return;
    seen.add(pair);
    explained.push({
      ...(line !== undefined ? { line } : {}),
      ...(partnerLine !== undefined ? { partnerLine } : {}),
      partnerId: parsed.partnerId,
      reasons: parsed.reasons,
    });
  });
  return { explained, unread };
}
