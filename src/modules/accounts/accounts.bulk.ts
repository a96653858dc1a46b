import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';
import { responses } from '../../http/schemas.js';
import { runWork } from '../../kernel/index.js';
import type { RequestContext } from '../access/index.js';
import * as repo from './accounts.repo.js';
import { storeArchived } from './contacts.service.js';
import {
  bulkArchiveBody,
  bulkArchiveResultSchema,
  type BulkArchiveInput,
  type BulkArchiveResult,
  type BulkRefusal,
} from './accounts.bulk.schema.js';

/**
 * Actions on many customers at once, from the list's row selection. Each runs as one unit of work: every
 * account the caller may act on changes, each with its own audit record, and every other one is reported
 * with why — a partial answer is an answer, never a half-written one.
 */

/** Why an account may not be archived; null when it may. Pure. */
export function archiveRefusal(
  row: { status: string } | undefined,
  visible: boolean,
): { code: BulkRefusal; params?: { status: string } } | null {
  if (!row || !visible) return { code: 'not_visible' };
  if (row.status === 'archived') return { code: 'already_archived' };
  if (row.status !== 'active') return { code: 'not_allowed', params: { status: row.status } };
  return null;
}

export async function archiveAccounts(
  db: Db,
  ctx: RequestContext,
  input: BulkArchiveInput,
): Promise<BulkArchiveResult> {
  const ids = [...new Set(input.ids)];
  return runWork(db, ctx, async (w) => {
    const seen = await repo.visibleAccountIds(w.tx, w.actor, ids);
    const mine = await repo.editableAccountIds(w.tx, w.actor, [...seen]);
    const refused = new Map<string, BulkArchiveResult['refused'][number]>();
    const archived: string[] = [];
    // Rows are locked in id order, the kernel's lock order for several rows.
    for (const id of [...ids].sort()) {
      const row = seen.has(id) ? await repo.findAccount(w.tx, id, true) : undefined;
      const refusal =
        seen.has(id) && !mine.has(id) ? { code: 'read_only' as const } : archiveRefusal(row, seen.has(id));
      if (refusal || !row) {
        refused.set(id, { id, ...(refusal ?? { code: 'not_visible' }) });
        continue;
      }
      await storeArchived(w, row, true, input.reason);
      archived.push(id);
    }
    return {
      archived: ids.filter((id) => archived.includes(id)),
      refused: ids.flatMap((id) => refused.get(id) ?? []),
    };
  });
}

export function bulkAccountRoutes(app: FastifyInstance, db: Db) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/accounts/archive',
    {
      config: { access: 'accounts:write' },
      schema: {
        tags: ['accounts'],
        summary:
          'Archive several accounts at once (the list’s selection): those the caller may archive are, each audited; the others are reported with why',
        body: bulkArchiveBody,
        response: responses({ 200: bulkArchiveResultSchema }),
      },
    },
    async (request) => archiveAccounts(db, request.ctx, request.body),
  );
}
