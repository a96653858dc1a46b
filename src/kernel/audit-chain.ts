import { createHash, type KeyObject } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import type { Db } from '../db/database.js';
import { canonicalize } from './canonical-json.js';
import { verifySignature, type AuditSigner } from './audit-key.js';
import * as repo from './audit-chain.repo.js';

/**
 * The audit trail's proof. Writers only insert rows; one chainer at a time (across nodes) links every
 * committed row into `audit_chain` — each link hashes the one before it and the row as stored — and signs
 * checkpoints (chain length + head hash) with a key kept outside the database. `verifyAudit` recomputes the
 * whole chain, checks every checkpoint's signature against the trusted keys and that the chain still
 * reaches it, and names rows the chain does not cover.
 */
export const GENESIS_HASH = '0'.repeat(64);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The digest of a row as the database stores it: every column in its exact text form. */
export function rowDigest(row: repo.StoredAuditRow | Required<repo.ChainLinkWithRow>): string {
  return sha256(
    JSON.stringify([
      row.id,
      row.at,
      row.actor_id,
      row.actor_label,
      row.action,
      row.entity_type,
      row.entity_id,
      row.before,
      row.after,
      row.reason,
      row.request_id,
      row.decision_id,
    ]),
  );
}

export const linkHash = (seq: string, prevHash: string, digest: string) =>
  sha256(`${seq}|${prevHash}|${digest}`);

export interface CheckpointBody {
  v: 1;
  chainLength: string;
  head: string;
  at: string;
  prev: string | null;
}

export const checkpointText = (body: CheckpointBody) => canonicalize(body);

export interface SealOptions {
  signer?: AuditSigner | null | undefined;
  /** Sign a checkpoint when the newest is older than this (and the chain has grown). */
  checkpointSeconds?: number;
  /** Sign one now if the chain has grown since the last (after bulk work, at shutdown). */
  forceCheckpoint?: boolean;
  /** Also append each checkpoint to this file: a witness outside the database. */
  witnessFile?: string | undefined;
  witnessUrl?: string | undefined;
  batch?: number;
}

export interface SealResult {
  chained: number;
  length: string;
  head: string;
  checkpoint: CheckpointBody | null;
}

/**
 * One pass of the chainer: links every row committed since the last pass and, when due, signs a checkpoint.
 * Returns null when another pass holds the chainer's row, or committed after this pass's snapshot.
 */
export async function sealAudit(db: Db, options: SealOptions = {}): Promise<SealResult | null> {
  const batch = options.batch ?? 5000;
  // One snapshot for the whole pass: what it links and what it leaves for the next pass are read together.
  const result = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const state = await repo.lockChainer(tx);
      if (!state) return null;
      const head = await repo.chainHead(tx);
      let seq = BigInt(head?.seq ?? '0');
      let prev = head?.hash ?? GENESIS_HASH;
      let chained = 0;
      let afterId = '0';
      for (;;) {
        const rows = await repo.pendingRows(tx, state, afterId, batch);
        if (rows.length === 0) break;
        const links = rows.map((row) => {
          seq += 1n;
          const hash = linkHash(seq.toString(), prev, rowDigest(row));
          const link = { seq: seq.toString(), audit_id: row.id, prev_hash: prev, hash };
          prev = hash;
          return link;
        });
        await repo.insertChainLinks(tx, links);
        chained += rows.length;
        afterId = rows.at(-1)!.id;
        if (rows.length < batch) break;
      }
      await repo.saveChainer(tx, await repo.snapshotState(tx));
      const checkpoint = options.signer ? await maybeCheckpoint(tx, options, seq.toString(), prev) : null;
      return { chained, length: seq.toString(), head: prev, checkpoint };
    });
  if (result?.checkpoint && options.signer) await witness(options, result.checkpoint, options.signer);
  return result;
}

async function maybeCheckpoint(
  tx: Db,
  options: SealOptions,
  length: string,
  head: string,
): Promise<CheckpointBody | null> {
  const signer = options.signer!;
  const last = await repo.lastCheckpoint(tx);
  if (last && last.chain_length === length) return null;
  if (length === '0') return null;
  const dueMs = (options.checkpointSeconds ?? 60) * 1000;
  if (last && !options.forceCheckpoint && Date.now() - Date.parse(last.at) < dueMs) return null;
  const body: CheckpointBody = {
    v: 1,
    chainLength: length,
    head,
    at: new Date().toISOString(),
    prev: last?.signature ?? null,
  };
  await repo.insertCheckpoint(tx, {
    chain_length: length,
    head_hash: head,
    at: body.at,
    prev_signature: body.prev,
    key_id: signer.keyId,
    public_key: signer.publicKey,
    signature: signer.sign(checkpointText(body)),
  });
  return body;
}

interface WitnessLine extends CheckpointBody {
  keyId: string;
  signature: string;
}

async function witness(options: SealOptions, body: CheckpointBody, signer: AuditSigner) {
  const line: WitnessLine = { ...body, keyId: signer.keyId, signature: signer.sign(checkpointText(body)) };
  // Ed25519 signatures are deterministic: the witness holds the very signature the database holds.
  if (options.witnessFile) await appendFile(options.witnessFile, `${JSON.stringify(line)}\n`);
  if (options.witnessUrl) {
    await fetch(options.witnessUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(line),
      signal: AbortSignal.timeout(5000),
    });
  }
}

export const AUDIT_PROBLEM_CODES = [
  'row_changed',
  'row_missing',
  'link_broken',
  'sequence_broken',
  'row_not_chained',
  'checkpoint_signature_invalid',
  'checkpoint_key_untrusted',
  'checkpoint_order_broken',
  'checkpoint_beyond_chain',
  'checkpoint_head_mismatch',
  'witness_checkpoint_missing',
  'no_trusted_key',
] as const;
export type AuditProblemCode = (typeof AUDIT_PROBLEM_CODES)[number];

export interface AuditProblem {
  code: AuditProblemCode;
  seq?: string;
  auditId?: string;
  checkpointId?: string;
}

export interface AuditReport {
  ok: boolean;
  /** Audit rows in the table. */
  rows: number;
  /** Rows the chain covers, and its head hash. */
  chained: number;
  head: string;
  /** Rows written after the last chainer pass: not covered yet, normal for a second or so. */
  pending: number;
  checkpoints: number;
  latestCheckpoint: { chainLength: string; at: string } | null;
  /** Chained rows after the latest checkpoint: protected against edits, not yet against truncation. */
  unanchored: number;
  /** The first problems found, in chain order (at most 100). */
  problems: AuditProblem[];
}

export interface VerifyOptions {
  trusted: Map<string, KeyObject>;
  witnessFile?: string | undefined;
  pageSize?: number;
}

const MAX_PROBLEMS = 100;

/** Walks the whole chain and every checkpoint; names what does not hold. Reads only. */
export async function verifyAudit(db: Db, options: VerifyOptions): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const report = (p: AuditProblem) => problems.length < MAX_PROBLEMS && problems.push(p);
  const checkpoints = await repo.listCheckpoints(db);
  const wanted = new Set(checkpoints.map((c) => c.chain_length));
  const hashAt = new Map<string, string>();

  let expectedSeq = 1n;
  let prev = GENESIS_HASH;
  let lastSeq = '0';
  const pageSize = options.pageSize ?? 5000;
  for (;;) {
    const page = await repo.chainPage(db, lastSeq, pageSize);
    for (const link of page) {
      if (BigInt(link.seq) !== expectedSeq) report({ code: 'sequence_broken', seq: link.seq });
      if (link.prev_hash !== prev) report({ code: 'link_broken', seq: link.seq, auditId: link.audit_id });
      if (link.row_id === null) {
        report({ code: 'row_missing', seq: link.seq, auditId: link.audit_id });
      } else {
        const digest = rowDigest(link as Required<repo.ChainLinkWithRow>);
        if (linkHash(link.seq, link.prev_hash, digest) !== link.hash)
          report({ code: 'row_changed', seq: link.seq, auditId: link.audit_id });
      }
      // Walk on from what is stored, so one broken link does not hide the next.
      prev = link.hash;
      expectedSeq = BigInt(link.seq) + 1n;
      if (wanted.has(link.seq)) hashAt.set(link.seq, link.hash);
      lastSeq = link.seq;
    }
    if (page.length < pageSize) break;
  }
  const chained = Number(lastSeq);

  let previousSignature: string | null = null;
  let previousLength = 0n;
  if (checkpoints.length > 0 && options.trusted.size === 0) report({ code: 'no_trusted_key' });
  for (const c of checkpoints) {
    const body: CheckpointBody = {
      v: 1,
      chainLength: c.chain_length,
      head: c.head_hash,
      at: c.at,
      prev: c.prev_signature,
    };
    const key = options.trusted.get(c.key_id);
    if (!key) {
      if (options.trusted.size > 0) report({ code: 'checkpoint_key_untrusted', checkpointId: c.id });
    } else if (!verifySignature(key, checkpointText(body), c.signature)) {
      report({ code: 'checkpoint_signature_invalid', checkpointId: c.id });
    }
    if (c.prev_signature !== previousSignature || BigInt(c.chain_length) < previousLength)
      report({ code: 'checkpoint_order_broken', checkpointId: c.id });
    if (BigInt(c.chain_length) > BigInt(chained))
      report({ code: 'checkpoint_beyond_chain', checkpointId: c.id, seq: c.chain_length });
    else if (hashAt.get(c.chain_length) !== c.head_hash)
      report({ code: 'checkpoint_head_mismatch', checkpointId: c.id, seq: c.chain_length });
    previousSignature = c.signature;
    previousLength = BigInt(c.chain_length);
  }

  if (options.witnessFile) {
    const held = new Set(checkpoints.map((c) => c.signature));
    for (const line of await witnessLines(options.witnessFile)) {
      if (!held.has(line.signature)) report({ code: 'witness_checkpoint_missing', seq: line.chainLength });
    }
  }

  // Rows no link covers: noted by their writer they wait for the chainer; otherwise they were slipped in.
  const uncovered = await repo.uncoveredRows(db, 1000);
  let pending = 0;
  for (const row of uncovered) {
    if (row.pending) pending += 1;
    else report({ code: 'row_not_chained', auditId: row.id });
  }
  const totalUncovered = Number(uncovered[0]?.total ?? 0);
  if (totalUncovered > uncovered.length) pending += totalUncovered - uncovered.length;

  const latest = checkpoints.at(-1);
  return {
    ok: problems.length === 0,
    rows: await repo.countAuditRows(db),
    chained,
    head: prev,
    pending,
    checkpoints: checkpoints.length,
    latestCheckpoint: latest ? { chainLength: latest.chain_length, at: latest.at } : null,
    unanchored: latest ? Math.max(0, chained - Number(latest.chain_length)) : chained,
    problems,
  };
}

async function witnessLines(file: string): Promise<WitnessLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as WitnessLine);
}
