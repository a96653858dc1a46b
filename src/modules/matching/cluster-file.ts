import type { RowMatch } from './dedupe.js';
import { dedupeFeatures } from './dedupe.js';
import { normalizeRecord, type Features, type RecordInput } from './normalize.js';
import { FILE_NOTES, readRecords, type InputProblem } from './read-records.js';
import type { MatchThresholds } from './score-config.js';
import type { ArchiveLimits } from './xlsx-archive.js';

export interface ClusterFileOptions {
  path: string;
  thresholds: MatchThresholds;
  /** Longer names are reported (FIELD_TOO_LARGE, column name) and their rows left out. */
  maxNameChars?: number;
  /** Problems kept (all are counted); the rest of a badly damaged file's would only fill memory. */
  maxProblems?: number;
  archiveLimits?: Partial<ArchiveLimits>;
}

export interface ClusteredRow {
  line: number;
  id: string;
  record: RecordInput;
}

/** A customer list read and grouped: the usable rows, the companies they make, and what was wrong. */
export interface ClusteredFile {
  rows: ClusteredRow[];
  /** Indices into `rows`: members in file order, clusters in the order of their first member. */
  clusters: number[][];
  /** Why row i sits in its cluster (or which row it may be the same as); null for a row on its own. */
  matches: (RowMatch | null)[];
  /** The first `maxProblems` problems, in the order found. */
  problems: InputProblem[];
  /** Rows with a problem; notes about the file as a whole (encoding, columns) are not counted. */
  problemRows: number;
  /**
   * Rows of customers the file holds, usable or not (the header and blank lines are not rows): what a person
   * counts in their spreadsheet. A row left out for a problem still counts.
   */
  fileRows: number;
}

export type ClusterProgress = (phase: 'read' | 'cluster', done: number, total: number) => void;

/** A cell matching cannot use, by field: reported at review; the import leaves the value out. */
const VALUE_PROBLEMS = {
  phone: 'BAD_PHONE',
  email: 'BAD_EMAIL',
  website: 'BAD_WEBSITE',
  uscc: 'BAD_USCC',
} as const satisfies Record<string, InputProblem['code']>;

/**
 * Reads a customer list and clusters its rows with the bulk matcher: everything an import's analysis does
 * before it asks the database. It holds the whole list in memory, so an import runs it on a thread of its own
 * (cluster-file-thread.ts).
 */
export async function clusterFile(
  options: ClusterFileOptions,
  progress: ClusterProgress = () => undefined,
): Promise<ClusteredFile> {
  const maxProblems = options.maxProblems ?? 1000;
  const problems: InputProblem[] = [];
  const problemRows = new Set<number>();
  const report = (p: InputProblem) => {
    if (!FILE_NOTES.has(p.code)) problemRows.add(p.line);
    if (problems.length < maxProblems) problems.push(p);
  };
  const rows: ClusteredRow[] = [];
  const features: Features[] = [];
  progress('read', 0, 0);
  for await (const row of readRecords(options.path, {
    onProblem: report,
    ...(options.archiveLimits && { archiveLimits: options.archiveLimits }),
  })) {
    if (!row.record) continue;
    const { name } = row.record;
    if (options.maxNameChars !== undefined && name.length > options.maxNameChars) {
      report({
        line: row.line,
        code: 'FIELD_TOO_LARGE',
        message: `the name has ${name.length} characters; at most ${options.maxNameChars}`,
        id: row.id,
        column: 'name',
      });
      continue;
    }
    rows.push({ line: row.line, id: row.id, record: row.record });
    const normalized = normalizeRecord(row.record);
    // One report per field: a cell the reader split into parts ("not a url") is named as the user typed it.
    const unusable = new Map<keyof typeof VALUE_PROBLEMS, { values: string[]; problem: string }>();
    for (const p of normalized.problems) {
      if (p.field === 'name') continue;
      const seen = unusable.get(p.field);
      if (seen) seen.values.push(p.value);
      else unusable.set(p.field, { values: [p.value], problem: p.problem });
    }
    for (const [field, { values, problem }] of unusable) {
      const value = values.join(' ');
      report({
        line: row.line,
        id: row.id,
        code: VALUE_PROBLEMS[field],
        column: field,
        message: `${field} ${value} cannot be used (${problem}); the row is imported without it`,
        params: { value, problem },
      });
    }
    features.push(normalized);
    if (rows.length % 5000 === 0) progress('read', rows.length, 0);
  }
  progress('cluster', 0, rows.length);
  const result = dedupeFeatures(
    rows.map((r) => r.id),
    features,
    { thresholds: options.thresholds },
  );
  const byRoot = new Map<number, number[]>();
  const matches = rows.map((_, i) => {
    const root = result.clusterOf[i] ?? i;
    const members = byRoot.get(root);
    if (members) members.push(i);
    else byRoot.set(root, [i]);
    return result.explain(i);
  });
  progress('cluster', rows.length, rows.length);
  const fileRows = new Set([...problemRows, ...rows.map((r) => r.line)]).size;
  return { rows, clusters: [...byRoot.values()], matches, problems, problemRows: problemRows.size, fileRows };
}
