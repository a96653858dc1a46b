import { blockingKeys, hash32, keyKind } from './keys.js';
import type { Features } from './normalize.js';

/** Kind tags kept in the two lowest bits of a key hash. */
const STRONG = 0;
const NAME = 1;
const SHINGLE = 2;

/** A key's 32-bit hash with its kind in the two lowest bits. */
export function rawKeyHash(key: string): number {
  const h = hash32(key);
  const kind = keyKind(key);
  return h - (h % 4) + (kind === 'name' ? NAME : kind === 'shingle' ? SHINGLE : STRONG);
}

/** Fewer hash bits when the record index needs more (hash bits + index bits ≤ 53), kind bits kept. */
function packHash(raw: number, shift: number): number {
  const h = raw >>> shift;
  return h - (h % 4) + (raw % 4);
}

/**
 * Blocking keys of many records as hashes, with the facts candidate generation needs: filled by
 * normalisation (in a worker or here), read by KeyIndex.
 */
export class KeyHashes {
  hashes: Float64Array<ArrayBuffer> = new Float64Array(1 << 16);
  /** Number of keys of each record, in record order. */
  counts: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 12);
  partial: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 12);
  size = 0;
  records = 0;

  add(f: Features): void {
    // A count is one byte; a record with hundreds of keys is junk whose first keys are enough.
    const keys = blockingKeys(f).slice(0, 255);
    if (this.records === this.counts.length) {
      this.counts = grow(this.counts);
      this.partial = grow(this.partial);
    }
    while (this.size + keys.length > this.hashes.length) this.hashes = grow(this.hashes);
    for (const key of keys) this.hashes[this.size++] = rawKeyHash(key);
    this.counts[this.records] = keys.length;
    this.partial[this.records++] = isPartialName(f) ? 1 : 0;
  }

  /** Append another batch (from a worker). */
  append(other: { hashes: Float64Array; counts: Uint8Array; partial: Uint8Array }): void {
    const records = other.counts.length;
    while (this.records + records > this.counts.length) {
      this.counts = grow(this.counts);
      this.partial = grow(this.partial);
    }
    while (this.size + other.hashes.length > this.hashes.length) this.hashes = grow(this.hashes);
    this.hashes.set(other.hashes, this.size);
    this.counts.set(other.counts, this.records);
    this.partial.set(other.partial, this.records);
    this.size += other.hashes.length;
    this.records += records;
  }

  /** The filled part, for posting to another thread. */
  take(): {
    hashes: Float64Array<ArrayBuffer>;
    counts: Uint8Array<ArrayBuffer>;
    partial: Uint8Array<ArrayBuffer>;
  } {
    return {
      hashes: this.hashes.slice(0, this.size),
      counts: this.counts.slice(0, this.records),
      partial: this.partial.slice(0, this.records),
    };
  }
}

function grow<T extends Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * A record whose name leaves something open (no city, no industry words, or an English name whose split
 * into trade and industry words is a guess). Only such records need pairing on the trade name alone:
 * two complete names that differ in city or industry are different companies by law, and when they
 * share a phone or domain that key pairs them anyway.
 */
export function isPartialName(f: Features): boolean {
  return f.script === 'en' || !f.industry || !f.region || f.region.level !== 'city';
}

export interface CandidateOptions {
  /** Strong keys (USCC, phone, e-mail, domain, full name) held by more records make no pairs. */
  maxGroup: number;
  /** Name-shingle (LSH) keys: a safety net, used only while small. */
  maxShingleGroup: number;
  /** Trade-name keys: at most this many pairs per group (partial × all). */
  maxNamePairs: number;
}

/**
 * In-memory blocking-key index for bulk work: every (key hash, record) pair packed into one float64 and
 * sorted natively, so a million records cost ~10 million numbers rather than a Map of strings. Keys are
 * compared by 32-bit hash: a rare collision only adds a candidate pair (which scoring then rejects) or
 * nudges a count up by one.
 */
/**
 * Group sizes by key hash, open addressing in typed arrays: the scorer asks millions of times, and a
 * binary search over the whole index costs a cache miss per step. Only keys held by two or more records
 * are stored; `get` answers -1 for the others.
 */
class CountTable {
  private constructor(
    private readonly keys: Float64Array,
    private readonly values: Int32Array,
    private readonly mask: number,
  ) {}

  static fromSorted(entries: Float64Array, scale: number): CountTable {
    const groups: number[] = [];
    for (let start = 0; start < entries.length;) {
      const hash = Math.floor((entries[start] ?? 0) / scale);
      let end = start + 1;
      while (end < entries.length && Math.floor((entries[end] ?? 0) / scale) === hash) end++;
      if (end - start > 1) groups.push(hash, end - start);
      start = end;
    }
    let capacity = 16;
    while (capacity < groups.length) capacity *= 2; // groups holds two numbers per group: load ≤ 0.5
    const keys = new Float64Array(capacity);
    const values = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let g = 0; g < groups.length; g += 2) {
      const hash = groups[g] ?? 0;
      let slot = hash & mask;
      while (keys[slot] !== 0) slot = (slot + 1) & mask;
      keys[slot] = hash + 1; // 0 marks an empty slot
      values[slot] = groups[g + 1] ?? 0;
    }
    return new CountTable(keys, values, mask);
  }

  get(hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === 0 || key === undefined) return -1;
      if (key === hash + 1) return this.values[slot] ?? -1;
      slot = (slot + 1) & this.mask;
    }
  }
}

export class KeyIndex {
  private readonly counts: CountTable;

  private constructor(
    private readonly entries: Float64Array,
    private readonly indexScale: number,
    private readonly hashShift: number,
    private readonly partial: Uint8Array,
  ) {
    this.counts = CountTable.fromSorted(entries, indexScale);
  }

  static build(features: readonly Features[]): KeyIndex {
    const keys = new KeyHashes();
    for (const f of features) keys.add(f);
    return KeyIndex.fromHashes(keys);
  }

  static fromHashes(keys: KeyHashes): KeyIndex {
    const n = keys.records;
    const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
    const hashShift = Math.max(0, bits - 21); // hash bits + index bits must fit in 53
    const indexScale = 2 ** bits;
    const entries = new Float64Array(keys.size);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const count = keys.counts[i] ?? 0;
      for (let k = 0; k < count; k++, at++)
        entries[at] = packHash(keys.hashes[at] ?? 0, hashShift) * indexScale + i;
    }
    entries.sort();
    return new KeyIndex(entries, indexScale, hashShift, keys.partial.slice(0, n));
  }

  get size(): number {
    return this.entries.length;
  }

  /** How many records carry `key`. */
  count(key: string): number {
    const hash = packHash(rawKeyHash(key), this.hashShift);
    const shared = this.counts.get(hash);
    if (shared >= 0) return shared;
    // One record or none: a binary search tells which.
    const { entries } = this;
    const low = hash * this.indexScale;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((entries[mid] ?? 0) < low) lo = mid + 1;
      else hi = mid;
    }
    return lo < entries.length && (entries[lo] ?? 0) < low + this.indexScale ? 1 : 0;
  }

  /**
   * Candidate pairs as packed numbers (lower index × scale + higher index), sorted and distinct. Groups
   * too large to be informative (a hotline on 500 accounts) make no pairs; they still count through
   * `count`.
   */
  candidatePairs(options: CandidateOptions): { pairs: Float64Array; scale: number; skippedGroups: number } {
    const { entries, indexScale, partial } = this;
    let pairs = new Float64Array(Math.max(16, entries.length));
    let size = 0;
    let skippedGroups = 0;
    const members: number[] = [];
    const open: number[] = [];
    const push = (x: number, y: number) => {
      if (size === pairs.length) {
        const grown = new Float64Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[size++] = x < y ? x * indexScale + y : y * indexScale + x;
    };
    for (let start = 0; start < entries.length;) {
      const hash = Math.floor((entries[start] ?? 0) / indexScale);
      let end = start + 1;
      while (end < entries.length && Math.floor((entries[end] ?? 0) / indexScale) === hash) end++;
      const first = start;
      start = end;
      if (end - first < 2) continue;
      members.length = 0;
      open.length = 0;
      for (let k = first; k < end; k++) {
        const record = (entries[k] ?? 0) - hash * indexScale;
        if (members[members.length - 1] === record) continue; // sorted: a record's repeats are adjacent
        members.push(record);
        if (partial[record]) open.push(record);
      }
      const kind = hash % 4;
      if (kind === NAME) {
        // Pair every open name with every member; complete × complete pairs are left out.
        if (open.length * members.length > options.maxNamePairs) {
          skippedGroups++;
          continue;
        }
        for (const x of open) for (const y of members) if (x !== y && (!partial[y] || x < y)) push(x, y);
        continue;
      }
      if (members.length > (kind === SHINGLE ? options.maxShingleGroup : options.maxGroup)) {
        skippedGroups++;
        continue;
      }
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) push(members[x] ?? 0, members[y] ?? 0);
      }
    }
    const sorted = pairs.subarray(0, size).sort();
    let distinct = 0;
    for (let k = 0; k < sorted.length; k++) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k] ?? 0;
    }
    return { pairs: sorted.slice(0, distinct), scale: indexScale, skippedGroups };
  }
}
