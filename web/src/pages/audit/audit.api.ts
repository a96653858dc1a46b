import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { AuditPage, AuditReport } from '../../api/types.js';
import { toAuditQuery, type AuditFilters } from './auditQuery.js';

/** How often a page showing entries not yet linked into the chain asks again (the chainer runs each second). */
const LINKING_POLL_MS = 1500;

export function useAudit(filters: AuditFilters, page: { limit: number; offset: number }) {
  const query = toAuditQuery(filters, page);
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<AuditPage>('/api/v1/audit', query),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((e) => e.chain === null) ? LINKING_POLL_MS : false),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditReport>('/api/v1/audit/verify') });
}
