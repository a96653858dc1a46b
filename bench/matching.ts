/**
 * Bulk dedupe benchmark: generate a seeded customer list with known duplicates, run `runDedupe` on it in a
 * child process (wall time, peak RSS), then score its clusters against the truth (pair precision, recall,
 * F1) and say where it goes wrong: precision and recall per name variant and per kind of look-alike, false
 * pairs per kind of look-alike.
 *
 *   npx tsx bench/run.ts matching [--sizes 10000,100000,1000000] [--seed 1] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { csvQuote } from '../src/kernel/spreadsheet.js';
import type { GeneratedRecord } from './generate.js';
import { generateRecords } from './generate.js';
import { machine } from './machine.js';

const INPUT_COLUMNS = ['id', 'name', 'phone', 'email', 'website', 'uscc', 'address'] as const;

async function writeInput(path: string, records: GeneratedRecord[]) {
  const out = createWriteStream(path);
  let chunk = `${INPUT_COLUMNS.join(',')}\n`;
  for (const r of records) {
    chunk += `${INPUT_COLUMNS.map((c) => csvQuote(r[c])).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function readClusters(path: string): Promise<Map<string, string>> {
  const clusters = new Map<string, string>();
  const parser = createReadStream(path).pipe(parse({ bom: true, columns: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    clusters.set(row.id ?? '', row.cluster_id || `invalid:${row.id ?? ''}`);
  }
  return clusters;
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const round2 = (x: number) => Math.round(x * 100) / 100;

interface ClassCounts {
  records: number;
  /** Duplicates (not the reference record) in the cluster of their company's reference record. */
  found: number;
  truePairs: number;
  foundPairs: number;
  predictedPairs: number;
  correctPairs: number;
}

const emptyCounts = (): ClassCounts => ({
  records: 0,
  found: 0,
  truePairs: 0,
  foundPairs: 0,
  predictedPairs: 0,
  correctPairs: 0,
});

function bump(table: Map<string, ClassCounts>, key: string, field: keyof ClassCounts) {
  let counts = table.get(key);
  if (!counts) table.set(key, (counts = emptyCounts()));
  counts[field]++;
}

/** The classes a pair belongs to: each side's class, once. */
function classesOf(a: string, b: string): string[] {
  return a === b ? [a] : [a, b];
}

const relationOf = (r: GeneratedRecord) => r.relation.replace(/\+hotline$/, '');

function evaluate(records: GeneratedRecord[], clusterOf: Map<string, string>) {
  const byCluster = new Map<string, number[]>();
  const byEntity = new Map<number, number[]>();
  records.forEach((r, i) => {
    const cluster = clusterOf.get(r.id) ?? `missing:${r.id}`;
    (byCluster.get(cluster) ?? byCluster.set(cluster, []).get(cluster))?.push(i);
    (byEntity.get(r.entity) ?? byEntity.set(r.entity, []).get(r.entity))?.push(i);
  });
  // Per name variant and per kind of company (base, look-alikes built on purpose, hotline users), by pair:
  // a pair counts for the class of each of its two records.
  const variants = new Map<string, ClassCounts>();
  const relations = new Map<string, ClassCounts>();
  const eachClass = (a: GeneratedRecord, b: GeneratedRecord, field: keyof ClassCounts) => {
    for (const v of classesOf(a.variant, b.variant)) bump(variants, v, field);
    const hotline = a.relation.endsWith('+hotline') || b.relation.endsWith('+hotline');
    for (const k of classesOf(relationOf(a), relationOf(b))) bump(relations, k, field);
    if (hotline) bump(relations, 'hotline', field);
  };
  let predicted = 0;
  let truePairs = 0;
  let correct = 0;
  const falsePairs: Record<string, number> = {};
  for (const members of byCluster.values()) {
    predicted += pairs(members.length);
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = records[members[x] ?? 0];
        const b = records[members[y] ?? 0];
        if (!a || !b) continue;
        eachClass(a, b, 'predictedPairs');
        if (a.entity === b.entity) {
          correct++;
          eachClass(a, b, 'correctPairs');
          continue;
        }
        const kind = [a.relation, b.relation].sort().join(' ~ ');
        falsePairs[kind] = (falsePairs[kind] ?? 0) + 1;
      }
    }
  }
  for (const members of byEntity.values()) {
    truePairs += pairs(members.length);
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = records[members[x] ?? 0];
        const b = records[members[y] ?? 0];
        if (!a || !b) continue;
        eachClass(a, b, 'truePairs');
        if (clusterOf.get(a.id) === clusterOf.get(b.id)) eachClass(a, b, 'foundPairs');
      }
    }
    // Record recall: is a duplicate in the same cluster as its company's reference record (copy 0)?
    const first = records[members.find((i) => records[i]?.copy === 0) ?? -1];
    for (const i of members) {
      const r = records[i];
      if (!r || !first || r === first) continue;
      bump(variants, r.variant, 'records');
      if (clusterOf.get(r.id) === clusterOf.get(first.id)) bump(variants, r.variant, 'found');
    }
  }
  const precision = predicted ? correct / predicted : 1;
  const recall = truePairs ? correct / truePairs : 1;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const rates = (c: ClassCounts, withRecords: boolean) => ({
    ...(withRecords ? { records: c.records, recall: c.records ? round(c.found / c.records) : null } : {}),
    truePairs: c.truePairs,
    pairRecall: c.truePairs ? round(c.foundPairs / c.truePairs) : null,
    predictedPairs: c.predictedPairs,
    pairPrecision: c.predictedPairs ? round(c.correctPairs / c.predictedPairs) : null,
  });
  const table = (m: Map<string, ClassCounts>, withRecords: boolean) =>
    Object.fromEntries(
      [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, rates(c, withRecords)]),
    );
  return {
    truePairs,
    predictedPairs: predicted,
    correctPairs: correct,
    precision: round(precision),
    recall: round(recall),
    f1: round((2 * precision * recall) / (precision + recall || 1)),
    /**
     * Per name variant: `recall` of duplicates against their company's reference record (as before), and
     * pair recall and precision over every pair that has a record of the variant on either side.
     */
    byVariant: table(variants, true),
    /** Per kind of company: the look-alikes built on purpose (other-city …) and hotline users. */
    byRelation: table(relations, false),
    falsePairsByRelation: falsePairs,
  };
}

export async function main(args: string[]) {
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const sizes = (option('sizes') ?? '10000,100000,1000000').split(',').map(Number);
  const seed = Number(option('seed') ?? 1);
  const dir = join(os.tmpdir(), 'fairshare-bench');
  mkdirSync(dir, { recursive: true });
  const child = fileURLToPath(new URL('./matching-child.ts', import.meta.url));
  const results = [];
  for (const size of sizes) {
    const generateStart = Date.now();
    const records = generateRecords({ count: size, seed });
    const input = join(dir, `matching-${size}-${seed}.csv`);
    const output = join(dir, `matching-${size}-${seed}.out.csv`);
    await writeInput(input, records);
    const generateMs = Date.now() - generateStart;
    // Other work on the machine slows a run down; the load average says how busy it was.
    const loadBefore = os.loadavg()[0] ?? 0;
    const run = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', child, input, output], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as {
      wallMs: number;
      cpuMs: number;
      phasesMs: Record<string, number>;
      peakRssMB: number;
      summary: unknown;
    };
    const quality = evaluate(records, await readClusters(output));
    results.push({
      records: size,
      entities: new Set(records.map((r) => r.entity)).size,
      seed,
      generateMs,
      wallMs: run.wallMs,
      recordsPerSecond: Math.round((size / run.wallMs) * 1000),
      phasesMs: run.phasesMs,
      cpuMs: run.cpuMs,
      loadAverage: { before: round2(loadBefore), after: round2(os.loadavg()[0] ?? 0) },
      peakRssMB: run.peakRssMB,
      ...quality,
      dedupe: run.summary,
    });
    if (!args.includes('--keep')) {
      rmSync(input, { force: true });
      rmSync(output, { force: true });
    }
  }
  console.log(JSON.stringify({ benchmark: 'matching', machine: machine(), results }, null, 2));
}
