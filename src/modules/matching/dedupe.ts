import type { ClusterFacts } from './cluster-facts.js';
import { factsConflict, mergeFacts, recordFacts } from './cluster-facts.js';
import type { EvidenceCode } from './evidence.js';
import { evidenceText } from './evidence-text.js';
import type { KeyHashes } from './key-index.js';
import { KeyIndex } from './key-index.js';
import type { Features } from './normalize.js';
import type { MatchEvidence, Points, ScoreOptions, Verdict } from './score.js';
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

/**
 * Two records as this run compares them: the scorer's verdict, except that a pair whose clusters could not
 * be merged is held below 'same' with the evidence saying why (cluster.*), as the scorer's hard rules are.
 * So a pair reported 'same' is always in one cluster.
 */
export interface PairMatch {
  verdict: Verdict;
  score: number;
  /** A pair that scored 'same' but stayed apart: the two clusters contradict each other. */
  notMerged: boolean;
  reasons: MatchEvidence[];
}

/** Why a row is where it is: the row it was compared with and the field-by-field reasons. */
export interface RowMatch extends PairMatch {
  /** The row it is linked to (same) or possibly the same as (possible). */
  partnerId: string;
  partnerClusterId: string;
  verdict: 'same' | 'possible';
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
  /** Same pairs not merged because their clusters contradict each other (USCC, region, industry, name). */
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
  /** Records `i` and `j` as this run compares them (population counts and clusters of this run). */
  pair(i: number, j: number): PairMatch;
  /** Index of the cluster's first record, per record. */
  clusterOf: Int32Array;
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
 * clusters of 'same' pairs (strongest first, refusing merges that would join contradicting clusters, see
 * cluster-facts.ts) → one row per record. A refused pair is reported below 'same' with the contradiction
 * as evidence, so every pair the run reports as 'same' is in one cluster. Memory is a few numbers per key
 * and per candidate pair; nothing is quadratic.
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
  // Facts of merged clusters by root; a record on its own has its own facts.
  const facts = new Map<number, ClusterFacts>();
  const factsOf = (root: number): ClusterFacts => {
    let known = facts.get(root);
    if (!known) {
      const f = features[root];
      known = f ? recordFacts(f) : { uscc: null, provinces: [], cities: [], trades: [] };
      facts.set(root, known);
    }
    return known;
  };
  const belowSame = config.samePoints - 1e-6;
  /** Joins the clusters of same pair `e` unless they contradict each other; false when refused. */
  const link = (e: number): boolean => {
    const i = sameFrom[e] ?? 0;
    const j = sameTo[e] ?? 0;
    const ri = find(parent, i);
    const rj = find(parent, j);
    if (ri !== rj) {
      const fi = factsOf(ri);
      const fj = factsOf(rj);
      if (factsConflict(fi, fj)) return false;
      const root = Math.min(ri, rj);
      parent[Math.max(ri, rj)] = root;
      facts.delete(Math.max(ri, rj));
      facts.set(root, root === ri ? mergeFacts(fi, fj) : mergeFacts(fj, fi));
    }
    const points = samePts[e] ?? 0;
    if (points > (bestPoints[i] ?? -Infinity)) {
      bestPoints[i] = points;
      bestPartner[i] = j;
    }
    if (points > (bestPoints[j] ?? -Infinity)) {
      bestPoints[j] = points;
      bestPartner[j] = i;
    }
    return true;
  };
  let held: number[] = [];
  for (let o = 0; o < sameCount; o++) {
    const e = order[o] ?? 0;
    if (!link(e)) held.push(e);
  }
  // A refusal can be lifted by a later merge: two clusters that came to hold one USCC are one company.
  // Facts otherwise only grow, so once no held pair joins, every one of them is refused for good.
  for (let joined = true; joined && held.length > 0;) {
    const before = held.length;
    held = held.filter((e) => !link(e));
    joined = held.length < before;
  }
  for (const e of held) {
    // Held below 'same', as pair() reports it.
    notePossible(sameFrom[e] ?? 0, sameTo[e] ?? 0, belowSame);
    notePossible(sameTo[e] ?? 0, sameFrom[e] ?? 0, belowSame);
  }
  const refused = held.length;
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

  const pair = (i: number, j: number): PairMatch => {
    const a = features[i];
    const b = features[j];
    if (!a || !b) throw new RangeError(`no records ${i} and ${j}`);
    const result = scorePair(a, b, config);
    const ci = clusterOf[i] ?? i;
    const cj = clusterOf[j] ?? j;
    const conflict = result.verdict === 'same' && ci !== cj ? factsConflict(factsOf(ci), factsOf(cj)) : null;
    if (!conflict)
      return { score: result.score, verdict: result.verdict, notMerged: false, reasons: result.reasons };
    return {
      verdict: 'possible',
      score: Math.min(result.score, pointsToScore(belowSame)),
      notMerged: true,
      reasons: [...result.reasons, conflict],
    };
  };

  const explain = (i: number): RowMatch | null => {
    const root = clusterOf[i] ?? i;
    const inCluster = (clusterSize[root] ?? 1) > 1;
    const partner = inCluster ? (bestPartner[i] ?? -1) : (possiblePartner[i] ?? -1);
    if (partner < 0) return null;
    const { score, notMerged, reasons } = pair(i, partner);
    const partnerId = ids[partner] ?? String(partner);
    return {
      partnerId,
      partnerClusterId: ids[clusterOf[partner] ?? partner] ?? partnerId,
      verdict: inCluster ? 'same' : 'possible',
      score,
      notMerged,
      reasons,
    };
  };

  const row = (i: number): DedupeRow => {
    const id = ids[i] ?? String(i);
    const clusterId = ids[clusterOf[i] ?? i] ?? id;
    const match = explain(i);
    if (!match) return { id, clusterId, verdict: 'unique', score: null, reasons: '' };
    const why = formatReasons(match.reasons);
    const reasons =
      match.verdict === 'same'
        ? `same company as ${match.partnerId}: ${why}`
        : `possibly ${match.partnerId} (cluster ${match.partnerClusterId}): ${why}`;
    return { id, clusterId, verdict: match.verdict, score: match.score, reasons };
  };

  return {
    clusterOf,
    row,
    explain,
    pair,
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
