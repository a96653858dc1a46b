import { createHash } from 'node:crypto';
import type { Executor, Tx } from '../../db/database.js';
import type { RequestContext } from '../access/permissions.js';
import { enqueue } from '../outbox/outbox.repo.js';
import { canonicalize, normalizeJson } from './canonical-json.js';
import {
  auditRowsAfter,
  insertAuditRow,
  lastAuditHash,
  listAuditRows,
  lockAuditChain,
  type AuditFilter,
  type AuditRow,
  type NewAuditRow,
} from './audit.repo.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null | undefined;
}

type HashedFields = Omit<NewAuditRow, 'hash'>;

export function hashAuditRow(row: HashedFields): string {
  const body = canonicalize({
    prev_hash: row.prev_hash,
    at: row.at,
    actor_id: row.actor_id,
    actor_label: row.actor_label,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
    request_id: row.request_id,
  });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one record to the audit chain. Call it with the transaction that makes the change, so the
 * change and its record commit together or not at all.
 */
export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<AuditRow> {
  await lockAuditChain(tx);
  const fields: HashedFields = {
    prev_hash: (await lastAuditHash(tx)) ?? GENESIS_HASH,
    at: new Date().toISOString(),
    actor_id: ctx.actor.id,
    actor_label: ctx.actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : normalizeJson(entry.before),
    after: entry.after === undefined ? null : normalizeJson(entry.after),
    reason: entry.reason ?? null,
    request_id: ctx.requestId,
  };
  const row = await insertAuditRow(tx, { ...fields, hash: hashAuditRow(fields) });
  // Every recorded change is also an event for webhooks and notifications, in the same transaction.
  await enqueue(tx, entry.action, { auditId: row.id, entityType: row.entity_type, entityId: row.entity_id });
  return row;
}

export type ChainVerdict =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; brokenId: string; problem: 'hash_mismatch' | 'prev_hash_mismatch' };

/** Walks the whole chain in id order and names the first row whose links do not hold. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<ChainVerdict> {
  let previous = GENESIS_HASH;
  let lastId = '0';
  let rows = 0;
  for (;;) {
    const page = await auditRowsAfter(db, lastId, pageSize);
    for (const row of page) {
      if (row.prev_hash !== previous)
        return { ok: false, rows, brokenId: row.id, problem: 'prev_hash_mismatch' };
      if (hashAuditRow(row) !== row.hash)
        return { ok: false, rows, brokenId: row.id, problem: 'hash_mismatch' };
      previous = row.hash;
      lastId = row.id;
      rows += 1;
    }
    if (page.length < pageSize) return { ok: true, rows, head: previous };
  }
}

export async function browseAudit(
  db: Executor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  return listAuditRows(db, filter, page);
}
