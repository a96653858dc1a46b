import type { Query } from '../../api/client.js';

/** Anything with toISOString: Date, or the Dayjs values antd's pickers hand out. */
interface Instant {
  toISOString(): string;
}

export interface AuditFilters {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** [from inclusive, to exclusive]; either end may be open. */
  range?: readonly [Instant | null | undefined, Instant | null | undefined] | null | undefined;
}

/** The /api/v1/audit query for filters and a page: blank filters left out, times as ISO-8601 UTC. */
export function toAuditQuery(filters: AuditFilters, page: { limit: number; offset: number }): Query {
  const text = (value: string | undefined) => value?.trim() || undefined;
  return {
    limit: page.limit,
    offset: page.offset,
    entityType: text(filters.entityType),
    entityId: text(filters.entityId),
    actorId: filters.actorId || undefined,
    action: text(filters.action),
    from: filters.range?.[0]?.toISOString(),
    to: filters.range?.[1]?.toISOString(),
  };
}
