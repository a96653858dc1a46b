import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type {
  AccessRequest,
  AccessRequestStatus,
  CreateAccessRequestBody,
  DecideAccessRequestBody,
  DecidedAccessRequest,
  Page,
} from '../../api/types.js';

export const accessRequestsKey = ['access-requests'] as const;

export interface AccessRequestFilters {
  status?: AccessRequestStatus | undefined;
  mine?: boolean | undefined;
  limit: number;
  offset: number;
}

export function useAccessRequests(filters: AccessRequestFilters) {
  return useQuery({
    queryKey: [...accessRequestsKey, 'list', filters],
    queryFn: () => api.get<Page<AccessRequest>>('/api/v1/access-requests', filters as unknown as Query),
    placeholderData: keepPreviousData,
  });
}

export function useAccessRequestMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: accessRequestsKey });
  return {
    create: useMutation({
      mutationFn: (body: CreateAccessRequestBody) => api.post<AccessRequest>('/api/v1/access-requests', body),
      onSuccess,
    }),
    decide: useMutation({
      mutationFn: ({ id, body }: { id: string; body: DecideAccessRequestBody }) =>
        api.post<DecidedAccessRequest>(`/api/v1/access-requests/${id}/decide`, body),
      onSuccess,
    }),
    withdraw: useMutation({
      mutationFn: (id: string) => api.post<AccessRequest>(`/api/v1/access-requests/${id}/withdraw`, {}),
      onSuccess,
    }),
  };
}
