import type { Db } from '../../db/database.js';
import { verifyAudit, type AuditReport } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import type { AuditSetup } from './audit.config.js';
import { listAuditRows, type AuditFilter } from './audit.repo.js';

export function browseAudit(
  db: Db,
  ctx: RequestContext,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  return listAuditRows(db, ctx.actor, filter, page);
}

export function verifyAuditTrail(db: Db, setup: AuditSetup): Promise<AuditReport> {
  return verifyAudit(db, setup.verify);
}
