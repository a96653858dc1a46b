import type { Writable } from 'node:stream';
import type { Db } from '../../db/database.js';
import { forbidden, notFound } from '../../errors.js';
import { runWork, writeTable, type TableFormat } from '../../kernel/index.js';
import type { Permission, RequestContext } from '../access/index.js';
import {
  accountSearch,
  iterateVisibleAccounts,
  iterateVisibleContacts,
  type AccountFilter,
} from '../accounts/index.js';
import { iterateNamedAuditRows, type AuditFilter } from '../audit/index.js';
import { readOrganization } from '../org/index.js';
import { findVisibleImport, iterateVisibleClusters, type ImportRecord } from '../imports/index.js';
import { channelReport, checkChannelFilter, type ChannelReportQuery } from '../reports/index.js';
import { iterateVisibleUsers, type UserFilter } from '../users/index.js';
import {
  ACCOUNT_COLUMNS,
  auditColumns,
  CONTACT_COLUMNS,
  IMPORT_RESULT_COLUMNS,
  localise,
  SCORECARD_COLUMNS,
  USER_COLUMNS,
  type ImportResultRow,
  type Language,
} from './exports.columns.js';

/**
 * Every list a user can see, as the file they take away: the same scope as on screen (the same
 * repositories and visibility policies), needing the list's own permission as well as data:export, audited
 * with what was asked for, and streamed a batch at a time so a hundred thousand rows never sit in memory.
 */
export type ExportRequest =
  | { kind: 'accounts'; filter: AccountFilter & { q?: string | undefined } }
  | { kind: 'contacts' }
  | { kind: 'users'; filter: UserFilter }
  | { kind: 'audit'; filter: AuditFilter }
  | { kind: 'import-results'; importId: string }
  | { kind: 'channel'; filter: ChannelReportQuery };

const NEEDS: Record<ExportRequest['kind'], Permission> = {
  accounts: 'accounts:read',
  contacts: 'accounts:read',
  users: 'users:read',
  audit: 'audit:read',
  'import-results': 'accounts:import',
  channel: 'partners:read',
};

export interface PreparedExport {
  filename: string;
  contentType: string;
  /** Writes the file into `out`; the number of rows. */
  write(out: Writable): Promise<number>;
}

const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function prepareExport(
  db: Db,
  ctx: RequestContext,
  request: ExportRequest,
  format: TableFormat,
  language: Language,
): Promise<PreparedExport> {
  // An import out of sight is missing, whatever else the caller holds; then the list's own permission.
  if (request.kind === 'import-results' && !(await findVisibleImport(db, ctx.actor, request.importId)))
    throw notFound('import', request.importId);
  // So is a partner the channel report is filtered to.
  if (request.kind === 'channel') await checkChannelFilter(db, ctx.actor, request.filter);
  const needed = NEEDS[request.kind];
  if (!ctx.actor.permissions.has(needed))
    throw forbidden(`This needs the ${needed} permission`, { permission: needed });
  const write = writer(db, ctx, request, format, language);
  await runWork(db, ctx, (w) => {
    w.audit({
      action: 'data.exported',
      entityType: 'export',
      entityId: request.kind,
      after: { ...request, format, language },
    });
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return { filename: `${request.kind}-${stamp}.${format}`, contentType: CONTENT_TYPES[format], write };
}

function writer(
  db: Db,
  ctx: RequestContext,
  request: ExportRequest,
  format: TableFormat,
  language: Language,
) {
  const actor = ctx.actor;
  switch (request.kind) {
    case 'accounts': {
      const { q, ...filter } = request.filter;
      return (out: Writable) =>
        writeTable(
          out,
          format,
          'accounts',
          localise(ACCOUNT_COLUMNS, language),
          iterateVisibleAccounts(db, actor, filter, accountSearch(q)),
        );
    }
    case 'contacts':
      return (out: Writable) =>
        writeTable(
          out,
          format,
          'contacts',
          localise(CONTACT_COLUMNS, language),
          iterateVisibleContacts(db, actor),
        );
    case 'users':
      return (out: Writable) =>
        writeTable(
          out,
          format,
          'users',
          localise(USER_COLUMNS, language),
          iterateVisibleUsers(db, actor, request.filter),
        );
    case 'audit':
      return async (out: Writable) =>
        writeTable(
          out,
          format,
          'audit',
          localise(auditColumns((await readOrganization(db)).time_zone), language),
          iterateNamedAuditRows(db, actor, request.filter),
        );
    case 'import-results':
      return (out: Writable) =>
        writeTable(
          out,
          format,
          'results',
          localise(IMPORT_RESULT_COLUMNS, language),
          importRows(iterateVisibleClusters(db, actor, request.importId)),
        );
    case 'channel':
      // The filter was checked before the file started (checkChannelFilter): a partner out of sight or an
      // unknown tier is an answer, not a file.
      return (out: Writable) =>
        writeTable(
          out,
          format,
          'channel',
          localise(SCORECARD_COLUMNS, language),
          (async function* () {
            yield (await channelReport(db, ctx, request.filter)).partners;
          })(),
        );
  }
}

/** One line per row of the file, with the company (cluster) it went into and what became of it. */
async function* importRows(
  clusters: AsyncIterable<
    {
      cluster_id: string;
      verdict: string;
      decision: string;
      outcome: string | null;
      account_ids: string[];
      records: unknown;
    }[]
  >,
): AsyncGenerator<ImportResultRow[]> {
  for await (const batch of clusters) {
    yield batch.flatMap((c) =>
      (c.records as ImportRecord[]).map((r) => ({
        line: r.line,
        id: r.id,
        name: r.name,
        phone: r.phone,
        cluster_id: c.cluster_id,
        verdict: c.verdict,
        decision: c.decision,
        outcome: c.outcome,
        account_ids: c.account_ids,
      })),
    );
  }
}
