import type { EvidenceCode } from './evidence.js';
import { evidenceText } from './evidence-text.js';
import type { KeyHashes } from './key-index.js';
import { KeyIndex } from './key-index.js';
import type { Features, Region } from './normalize.js';
import type { MatchEvidence, Points, ScoreOptions } from './score.js';
import { pointsToScore, scoreConfig, scorePair, scorePoints } from './score.js';

export type RowVerdict = 'same' | 'possible' | 'unique';

export interface DedupeRow {
  id: string;
  /** Shared by every record of one company: the id of its first record in input order. */
  clusterId: string;
  /** same: has duplicates in its cluster; possible: only a possible match (named in reasons); unique. */
  verdict: RowVerdict;
  /** Score of the strongest link that put the row in its cluster (or of its possible match). */
  score: number | null;
  reasons: string;
}

/** Why a row is where it is: the row it was compared with and the field-by-field reasons. */
export interface RowMatch {
  /** The row it is linked to (same) or possibly the same as (possible). */
  partnerId: string;
  partnerClusterId: string;
  verdict: 'same' | 'possible';
  score: number;
  /** A pair that scored 'same' but stayed apart: the two clusters disagree on region, USCC or industry. */
  notMerged: boolean;
  reasons: MatchEvidence[];
}

export type DedupePhase = 'read' | 'index' | 'score' | 'cluster' | 'write';

export interface DedupeProgress {
  phase: DedupePhase;
  done: number;
  total: number;
}

export interface DedupeOptions extends Omit<ScoreOptions, 'frequency'> {
  /** Keys shared by more records than this make no candidate pairs (they still count as frequency). */
  maxBlockSize?: number;
  /** The same for the name-shingle (LSH) keys, which only catch near-identical names. */
  maxShingleBlockSize?: number;
  /** Trade-name keys pair incomplete names with all holders, up to this many pairs per key. */
  maxNamePairs?: number;
  /** Blocking-key hashes already computed with the features (by normalisation workers). */
  keys?: KeyHashes;
  onProgress?: (progress: DedupeProgress) => void;
}

export interface DedupeStats {
  records: number;
  keys: number;
  candidatePairs: number;
  skippedBlocks: number;
  samePairs: number;
  possiblePairs: number;
  /** Same pairs not merged because the two clusters already held conflicting regions or USCCs. */
  refusedMerges: number;
  clusters: number;
  duplicateRecords: number;
}

export interface DedupeResult {
  stats: DedupeStats;
  /** Row `i` of the output, built on demand (reasons are computed only here). */
  row(i: number): DedupeRow;
  /** The explanation behind row `i`, structured; null for a unique row. */
  explain(i: number): RowMatch | null;
  /** Index of the cluster's first record, per record. */
  clusterOf: Int32Array;
}

/** A cluster's identity facts; two clusters whose facts contradict are not merged by a chain of links. */
interface ClusterFacts {
  region: Region | null;
  /** Province of registration from a valid USCC. */
  province: string | null;
  industry: string;
  /** A Chinese trade name in the cluster, with its pinyin: 益龙 and 医龙 sound alike but are two firms. */
  trade: string;
  tradePinyin: string;
  uscc: string | null;
  branch: boolean;
}

function find(parent: Int32Array, x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root] ?? root;
  while (parent[x] !== root) {
    const next = parent[x] ?? root;
    parent[x] = root;
    x = next;
  }
  return root;
}

function conflicts(a: ClusterFacts, b: ClusterFacts): boolean {
  if (a.uscc && b.uscc && a.uscc !== b.uscc) return true;
  if (a.branch !== b.branch) return true;
  if (a.industry && b.industry && a.industry !== b.industry) return true;
  if (a.trade && b.trade && a.trade !== b.trade && a.tradePinyin === b.tradePinyin) return true;
  const provinceA = a.region?.province ?? a.province;
  const provinceB = b.region?.province ?? b.province;
  if (provinceA && provinceB && provinceA !== provinceB) return true;
  if (a.region && b.region && a.region.name !== b.region.name) {
    if (a.region.province !== b.region.province) return true;
    return a.region.level === 'city' && b.region.level === 'city';
  }
  return false;
}

function merge(a: ClusterFacts, b: ClusterFacts): ClusterFacts {
  const region = !a.region
    ? b.region
    : !b.region
      ? a.region
      : a.region.level === 'city'
        ? a.region
        : b.region;
  const trade = a.trade ? a : b;
  return {
    region,
    province: a.province ?? b.province,
    industry: a.industry || b.industry,
    trade: trade.trade,
    tradePinyin: trade.tradePinyin,
    uscc: a.uscc ?? b.uscc,
    branch: a.branch,
  };
}

/** Evidence that changes nothing; the CSV leaves it out (run-dedupe lists a row's unusable values itself). */
const NOTES: ReadonlySet<EvidenceCode> = new Set(['uscc.ignored', 'legal_form.differs']);

function formatReasons(reasons: MatchEvidence[]): string {
  return reasons
    .filter((e) => !NOTES.has(e.code) && e.points !== 0)
    .map(evidenceText)
    .join('; ');
}

/**
 * Bulk de-duplication of records already normalised: blocking keys → candidate pairs → scores →
 * clusters of 'same' pairs (strongest first, refusing merges that would join contradicting clusters) →
 * one row per record. Memory is a few numbers per key and per candidate pair; nothing is quadratic.
 */
export function dedupeFeatures(
  ids: readonly string[],
  features: readonly Features[],
  options: DedupeOptions = {},
): DedupeResult {
  const n = features.length;
  const progress = options.onProgress;
  progress?.({ phase: 'index', done: 0, total: n });
  const index = options.keys ? KeyIndex.fromHashes(options.keys) : KeyIndex.build(features);
  const { pairs, scale, skippedGroups } = index.candidatePairs({
    maxGroup: options.maxBlockSize ?? 50,
    maxShingleGroup: options.maxShingleBlockSize ?? 10,
    maxNamePairs: options.maxNamePairs ?? 20_000,
  });
  progress?.({ phase: 'index', done: n, total: n });
  const config = scoreConfig({ ...options, frequency: (key) => index.count(key) });

  const bestPartner = new Int32Array(n).fill(-1);
  const bestPoints = new Float64Array(n).fill(-Infinity);
  const possiblePartner = new Int32Array(n).fill(-1);
  const possiblePoints = new Float64Array(n).fill(-Infinity);
  const notePossible = (i: number, j: number, points: number) => {
    if (points > (possiblePoints[i] ?? -Infinity)) {
      possiblePoints[i] = points;
      possiblePartner[i] = j;
    }
  };
  let sameFrom = new Int32Array(1024);
  let sameTo = new Int32Array(1024);
  let samePts = new Float64Array(1024);
  let sameCount = 0;
  let possibleCount = 0;

  const scratch: Points = { points: 0, verdict: 'different' };
  for (let k = 0; k < pairs.length; k++) {
    const packed = pairs[k] ?? 0;
    const i = Math.floor(packed / scale);
    const j = packed - i * scale;
    const a = features[i];
    const b = features[j];
    if (!a || !b) continue;
    const { points, verdict } = scorePoints(a, b, config, undefined, scratch);
    if (verdict === 'same') {
      if (sameCount === sameFrom.length) {
        sameFrom = grow(sameFrom);
        sameTo = grow(sameTo);
        samePts = growFloat(samePts);
      }
      sameFrom[sameCount] = i;
      sameTo[sameCount] = j;
      samePts[sameCount++] = points;
    } else if (verdict === 'possible') {
      possibleCount++;
      notePossible(i, j, points);
      notePossible(j, i, points);
    }
    if ((k & 0x3ffff) === 0) progress?.({ phase: 'score', done: k, total: pairs.length });
  }
  progress?.({ phase: 'score', done: pairs.length, total: pairs.length });

  const order = new Uint32Array(sameCount);
  for (let e = 0; e < sameCount; e++) order[e] = e;
  order.sort((x, y) => (samePts[y] ?? 0) - (samePts[x] ?? 0) || x - y);

  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const facts = new Map<number, ClusterFacts>();
  const factsOf = (root: number): ClusterFacts => {
    const known = facts.get(root);
    if (known) return known;
    const f = features[root];
    return {
      region: f?.regionSource === 'name' ? f.region : null,
      province: f?.usccProvince ?? null,
      trade: f?.script === 'zh' && !f.genericName ? f.tradeName : '',
      tradePinyin: f?.tradePinyin ?? '',
      // English names split trade and industry words less reliably (Zhuang Shi = 装饰?), so only Chinese ones.
      industry: f?.script === 'zh' ? f.industry : '',
      uscc: f?.uscc ?? null,
      branch: f?.isBranch ?? false,
    };
  };
  let refused = 0;
  for (let o = 0; o < sameCount; o++) {
    const e = order[o] ?? 0;
    const i = sameFrom[e] ?? 0;
    const j = sameTo[e] ?? 0;
    const points = samePts[e] ?? 0;
    const ri = find(parent, i);
    const rj = find(parent, j);
    if (ri !== rj) {
      const fi = factsOf(ri);
      const fj = factsOf(rj);
      if (conflicts(fi, fj)) {
        refused++;
        notePossible(i, j, points);
        notePossible(j, i, points);
        continue;
      }
      const root = Math.min(ri, rj);
      parent[Math.max(ri, rj)] = root;
      facts.delete(Math.max(ri, rj));
      facts.set(root, merge(fi, fj));
    }
    for (const [x, y] of [
      [i, j],
      [j, i],
    ] as const) {
      if (points > (bestPoints[x] ?? -Infinity)) {
        bestPoints[x] = points;
        bestPartner[x] = y;
      }
    }
  }
  progress?.({ phase: 'cluster', done: n, total: n });

  // Union by smaller index keeps each root at the cluster's first record.
  const clusterOf = new Int32Array(n);
  const clusterSize = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const root = find(parent, i);
    clusterOf[i] = root;
    clusterSize[root] = (clusterSize[root] ?? 0) + 1;
  }
  let clusters = 0;
  let duplicateRecords = 0;
  for (let i = 0; i < n; i++) {
    const size = clusterSize[i] ?? 0;
    if (size > 0) clusters++;
    if (size > 1) duplicateRecords += size;
  }

  const explain = (i: number): RowMatch | null => {
    const root = clusterOf[i] ?? i;
    const inCluster = (clusterSize[root] ?? 1) > 1;
    const partner = inCluster ? (bestPartner[i] ?? -1) : (possiblePartner[i] ?? -1);
    const a = features[i];
    const b = partner >= 0 ? features[partner] : undefined;
    if (!a || !b) return null;
    const result = scorePair(a, b, config);
    const partnerId = ids[partner] ?? String(partner);
    return {
      partnerId,
      partnerClusterId: ids[clusterOf[partner] ?? partner] ?? partnerId,
      verdict: inCluster ? 'same' : 'possible',
      score: pointsToScore(inCluster ? (bestPoints[i] ?? 0) : (possiblePoints[i] ?? 0)),
      notMerged: !inCluster && result.verdict === 'same',
      reasons: result.reasons,
    };
  };

  const row = (i: number): DedupeRow => {
    const id = ids[i] ?? String(i);
    const clusterId = ids[clusterOf[i] ?? i] ?? id;
    const match = explain(i);
    if (!match) return { id, clusterId, verdict: 'unique', score: null, reasons: '' };
    const why = formatReasons(match.reasons);
    const held = match.notMerged ? '; not merged, the clusters disagree on region, USCC or industry' : '';
    const reasons =
      match.verdict === 'same'
        ? `same company as ${match.partnerId}: ${why}`
        : `possibly ${match.partnerId} (cluster ${match.partnerClusterId}): ${why}${held}`;
    return { id, clusterId, verdict: match.verdict, score: match.score, reasons };
  };

  return {
    clusterOf,
    row,
    explain,
    stats: {
      records: n,
      keys: index.size,
      candidatePairs: pairs.length,
      skippedBlocks: skippedGroups,
      samePairs: sameCount,
      possiblePairs: possibleCount,
      refusedMerges: refused,
      clusters,
      duplicateRecords,
    },
  };
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function growFloat(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
