import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { AuditEntry, AuditVerifyResult, Page } from '../../api/types.js';
import { toAuditQuery, type AuditFilters } from './auditQuery.js';

export function useAudit(filters: AuditFilters, page: { limit: number; offset: number }) {
  const query = toAuditQuery(filters, page);
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<Page<AuditEntry>>('/api/v1/audit', query),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerifyResult>('/api/v1/audit/verify') });
}
