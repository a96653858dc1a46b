import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { ImportClusterTable } from '../../db/types.js';
import type { Actor } from '../access/index.js';
import { accountFeatures, findDuplicates, viewMatches, type MatchInput } from '../accounts/index.js';
import { dedupeFeatures } from '../matching/index.js';
import { normalizeRecord, type Features, type RecordInput } from '../matching/index.js';
import { FILE_NOTES, readRecords, type InputProblem } from '../matching/index.js';
import { readOrganization } from '../org/index.js';
import * as repo from './imports.repo.js';
import type { ClusterReason, ImportRecord } from './imports.schema.js';

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
  };
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

/**
 * Reads the file, clusters its rows with the bulk matcher, checks each cluster against the accounts the
 * database already has, and stores the clusters for review. Safe to run again: it replaces what it wrote.
 */
export async function analyzeImport(db: Db, job: repo.ImportJobRow, actor: Actor, progress: Progress) {
  const dir = await mkdtemp(join(tmpdir(), 'fairshare-import-'));
  const path = join(dir, `upload${extname(job.filename).toLowerCase() || '.csv'}`);
  try {
    await writeFile(path, await repo.readImportFile(db, job.id));
    const problems: InputProblem[] = [];
    // Rows with problems; notes about the file as a whole (encoding, columns) are listed but not counted.
    const problemRows = new Set<number>();
    const records: ImportRecord[] = [];
    const features: Features[] = [];
    await progress('read', 0, 0);
    const report = (p: InputProblem) => {
      if (!FILE_NOTES.has(p.code)) problemRows.add(p.line);
      if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p);
    };
    try {
      for await (const row of readRecords(path, { onProblem: report })) {
        if (!row.record) continue;
        // What an account can hold: a longer name is reported here rather than refused by the database
        // half-way through the import.
        if (row.record.name.length > MAX_NAME_CHARS) {
          report({
            line: row.line,
            code: 'FIELD_TOO_LARGE',
            message: `the name has ${row.record.name.length} characters; at most ${MAX_NAME_CHARS}`,
            id: row.id,
            column: 'name',
          });
          continue;
        }
        records.push(toImportRecord(row.line, row.id, row.record));
        features.push(normalizeRecord(row.record));
      }
    } catch (error) {
      // The reader names the file it read: ours is a temporary copy, the user knows it by its upload name.
      // Whatever else the reader throws (a damaged XLSX) is the file's problem too, final rather than retried.
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof AppError)
        throw new AppError(error.code, message.replaceAll(path, job.filename), error.details);
      throw new AppError('VALIDATION_FAILED', `${job.filename}: cannot be read (${message})`);
    }
    if (records.length === 0 && problemRows.size === 0)
      throw new AppError('VALIDATION_FAILED', `${job.filename}: holds no customer rows`);
    await progress('cluster', 0, records.length);
    const org = await readOrganization(db);
    const result = dedupeFeatures(
      records.map((r) => r.id),
      features,
      { thresholds: { same: org.match_same, possible: org.match_possible } },
    );
    const groups = new Map<number, number[]>();
    records.forEach((_, i) => {
      const root = result.clusterOf[i] ?? i;
      const members = groups.get(root);
      if (members) members.push(i);
      else groups.set(root, [i]);
    });
    const clusters: Insertable<ImportClusterTable>[] = [];
    let ordinal = 0;
    for (const members of groups.values()) {
      const cluster = members.map((i) => records[i]!);
      const explained = members.flatMap((i): ClusterReason[] => {
        const match = result.explain(i);
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
      if (ordinal % 200 === 0) await progress('match', ordinal, groups.size);
    }
    return {
      clusters,
      problems,
      summary: {
        rows: records.length,
        problems: problemRows.size,
        clusters: clusters.length,
        duplicateRowsInFile: records.length - clusters.length,
        clustersMatchingExisting: clusters.filter((c) => c.existing !== '[]').length,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
