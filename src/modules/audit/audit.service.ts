import type { Db, Executor } from '../../db/database.js';
import { verifyAudit, type AuditReport } from '../../kernel/index.js';
import type { Actor, RequestContext } from '../access/index.js';
import { readOrganization } from '../org/index.js';
import type { AuditSetup } from './audit.config.js';
import { entryNames, groupRequests, namesWanted, type NameBook } from './audit-names.js';
import { iterateAuditRows, listAuditRows, visibleNames, type AuditFilter } from './audit.repo.js';

interface NameableRow {
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

/**
 * What people read in an entry instead of ids: the record's name, the actor's display name and the names of
 * records its states refer to — each only where the reader may see that record. The organisation is named to
 * everyone (every role reads it); a failed sign-in is named by the login that was typed.
 */
async function nameEntries<R extends NameableRow>(db: Executor, actor: Actor, rows: readonly R[]) {
  const book: NameBook = new Map();
  for (const [entity, ids] of groupRequests(rows.flatMap(namesWanted)))
    book.set(entity, await visibleNames(db, actor, entity, ids));
  const org = rows.some((r) => r.entity_type === 'organization') ? await readOrganization(db) : null;
  return rows.map((row) => {
    const names = entryNames(row, book);
    if (row.entity_type === 'organization' && org) names.entityName = org.name;
    if (row.entity_type === 'login') names.entityName = row.entity_id;
    return { ...row, ...names };
  });
}

export async function browseAudit(
  db: Db,
  ctx: RequestContext,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  const [{ items, total }, org] = await Promise.all([
    listAuditRows(db, ctx.actor, filter, page),
    readOrganization(db),
  ]);
  return { items: await nameEntries(db, ctx.actor, items), total, timeZone: org.time_zone };
}

/** The audit rows for an export, a batch at a time, each with the names the reader may see. */
export async function* iterateNamedAuditRows(db: Db, actor: Actor, filter: AuditFilter) {
  for await (const batch of iterateAuditRows(db, actor, filter)) yield await nameEntries(db, actor, batch);
}

export function verifyAuditTrail(db: Db, setup: AuditSetup): Promise<AuditReport> {
  return verifyAudit(db, setup.verify);
}
