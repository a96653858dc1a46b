import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { ImportClusterTable } from '../../db/types.js';
import type { Actor } from '../access/index.js';
import { storableText } from '../../kernel/index.js';
import { accountFeatures, findDuplicates, viewMatches, type MatchInput } from '../accounts/index.js';
import { clusterFileInThread, refusalProblem, type RecordInput } from '../matching/index.js';
import { readOrganization } from '../org/index.js';
import { fileOwnerProblem } from '../ownership/index.js';
import { findUsersByLogin } from '../users/index.js';
import * as repo from './imports.repo.js';
import type { ClusterReason, ImportProblem, ImportProblemCode, ImportRecord } from './imports.schema.js';

const MAX_PROBLEMS_KEPT = 1000;
/** As accounts.legal_name allows. */
const MAX_NAME_CHARS = 200;
const asList = (v: RecordInput['phone']) =>
  (v == null ? [] : typeof v === 'string' ? [v] : [...v]).filter(Boolean);

export function toImportRecord(line: number, id: string, r: RecordInput): ImportRecord {
  return {
    line,
    id,
    name: r.name,
    phone: asList(r.phone),
    email: asList(r.email),
    website: asList(r.website)[0] ?? null,
    uscc: r.uscc ?? null,
    address: r.address ?? null,
    ...(r.owner && { owner: r.owner, ownerId: null }),
  };
}

/**
 * Honours the owner column where the importer may assign (see ownership/file-owner.ts): each row naming a
 * user gets that user's id, or a problem on its line naming the field — an unknown or inactive login, or an
 * importer who may not hand customers to that user. Such a row is imported with the importer as owner.
 */
export async function checkOwners(db: Db, actor: Actor, records: ImportRecord[]): Promise<ImportProblem[]> {
  const logins = [...new Set(records.flatMap((r) => (r.owner ? [r.owner] : [])))];
  const users = new Map<string, Awaited<ReturnType<typeof findUsersByLogin>>[number]>();
  for (let i = 0; i < logins.length; i += 500) {
    for (const user of await findUsersByLogin(db, actor, logins.slice(i, i + 500)))
      users.set(user.login, user);
  }
  const problems: ImportProblem[] = [];
  for (const record of records) {
    if (!record.owner) continue;
    const user = users.get(record.owner);
    const code = fileOwnerProblem(actor, user);
    record.ownerId = code ? null : user!.id;
    if (!code) continue;
    problems.push({
      line: record.line,
      id: record.id,
      code,
      column: 'owner',
      message: `owner ${record.owner} is not honoured (${code}); the importer owns the row`,
      params: { login: record.owner },
    });
  }
  return problems;
}

/** What matching reads from a group of rows that are one company: every name, phone and e-mail. */
export function clusterMatchInput(records: readonly ImportRecord[]): MatchInput {
  const [first] = records;
  const names = [...new Set(records.map((r) => r.name.trim()))];
  return {
    legalName: names[0] ?? '',
    aliases: names.slice(1),
    phones: [...new Set(records.flatMap((r) => r.phone))],
    emails: [...new Set(records.flatMap((r) => r.email))],
    website: records.find((r) => r.website)?.website ?? null,
    uscc: records.find((r) => r.uscc)?.uscc ?? null,
    street: first?.address ?? null,
  };
}

export type Progress = (phase: string, done: number, total: number) => Promise<void>;

export interface AnalyzeOptions {
  /** Heap of the thread that reads the file (config IMPORT_MEMORY_MB). */
  memoryMb: number;
  /** Aborted when the worker stops: the reading thread ends and the job is tried again later. */
  signal?: AbortSignal;
}

/**
 * Reads the file and clusters its rows with the bulk matcher on a thread of bounded memory, checks each
 * cluster against the accounts the database already has, and stores the clusters for review. Safe to run
 * again: it replaces what it wrote.
 */
export async function analyzeImport(
  db: Db,
  job: repo.ImportJobRow,
  actor: Actor,
  progress: Progress,
  options: AnalyzeOptions,
) {
  const dir = await mkdtemp(join(tmpdir(), 'fairshare-import-'));
  const path = join(dir, `upload${extname(job.filename).toLowerCase() || '.csv'}`);
  try {
    await writeFile(path, await repo.readImportFile(db, job.id));
    const org = await readOrganization(db);
    // Progress from the thread is written in order, one write at a time; a failed write is kept (a promise
    // rejecting while the thread still reads would be unhandled) and thrown once the thread is done.
    let reported = Promise.resolve();
    const progressFailures: Error[] = [];
    const report = (phase: string, done: number, total: number) => {
      reported = reported
        .then(() => progress(phase, done, total))
        .catch((error: unknown) => {
          progressFailures.push(error instanceof Error ? error : new Error(String(error)));
        });
    };
    report('read', 0, 0);
    const file = await clusterFileInThread(
      {
        path,
        thresholds: { same: org.match_same, possible: org.match_possible },
        maxNameChars: MAX_NAME_CHARS,
        maxProblems: MAX_PROBLEMS_KEPT,
      },
      {
        memoryMb: options.memoryMb,
        ...(options.signal && { signal: options.signal }),
        onProgress: report,
      },
    ).catch((error: unknown) => {
      if (options.signal?.aborted) throw error;
      throw fileError(error, path, job.filename);
    });
    await reported;
    if (progressFailures[0]) throw progressFailures[0];
    const records = file.rows.map((r) => toImportRecord(r.line, r.id, r.record));
    if (records.length === 0 && file.problemRows === 0)
      throw new AppError('VALIDATION_FAILED', `${job.filename}: holds no customer rows`);
    const ownerProblems = await checkOwners(db, actor, records);
    // Each row carries its problems' codes, so the review can show and filter the rows that have some.
    const codesByLine = new Map<number, ImportProblemCode[]>();
    for (const p of [...file.problems, ...ownerProblems]) {
      if (p.line === 1 && !p.id) continue;
      codesByLine.set(p.line, [...(codesByLine.get(p.line) ?? []), p.code]);
    }
    for (const record of records) {
      const codes = codesByLine.get(record.line);
      if (codes) record.problems = codes;
    }
    const fileProblemLines = new Set(file.problems.map((p) => p.line));
    const problemRows =
      file.problemRows +
      new Set(ownerProblems.map((p) => p.line).filter((l) => !fileProblemLines.has(l))).size;
    const problems = [...file.problems, ...ownerProblems]
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_PROBLEMS_KEPT);
    const clusters: Insertable<ImportClusterTable>[] = [];
    let ordinal = 0;
    for (const members of file.clusters) {
      const cluster = members.map((i) => records[i]!);
      const explained = members.flatMap((i): ClusterReason[] => {
        const match = file.matches[i];
        return match ? [{ rowId: records[i]!.id, ...match }] : [];
      });
      const { candidates } = await findDuplicates(db, accountFeatures(clusterMatchInput(cluster)));
      clusters.push({
        job_id: job.id,
        // Members are in file order and a cluster is named by its first row.
        cluster_id: cluster[0]!.id,
        ordinal: ordinal++,
        records: JSON.stringify(cluster),
        verdict: members.length > 1 ? 'same' : explained.length ? 'possible' : 'unique',
        reasons: JSON.stringify(explained),
        existing: JSON.stringify(await viewMatches(db, actor, candidates)),
      });
      if (ordinal % 200 === 0) await progress('match', ordinal, file.clusters.length);
    }
    return {
      clusters,
      problems,
      summary: {
        // As the file has them (the UI said 30 for a 31-row file when one row could not be used).
        rows: file.fileRows,
        usableRows: records.length,
        problems: problemRows,
        clusters: clusters.length,
        duplicateRowsInFile: records.length - clusters.length,
        clustersMatchingExisting: clusters.filter((c) => c.existing !== '[]').length,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Whatever reading the file threw is the file's problem, final rather than retried. The reader names the
 * file it read: ours is a temporary copy, the user knows it by its upload name. A refusal keeps its problem
 * (code and parameters) for the import to show.
 */
function fileError(error: unknown, path: string, filename: string): AppError {
  const message = storableText(error instanceof Error ? error.message : String(error)).replaceAll(
    path,
    filename,
  );
  if (!(error instanceof AppError))
    return new AppError('VALIDATION_FAILED', `${filename}: cannot be read (${message})`);
  const problem = refusalProblem(error.details);
  return new AppError(error.code, message, problem ? { problem } : {});
}
