import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type { Case, DecideCaseBody, DisputeBody, Page, Registration } from '../../api/types.js';

export const casesKey = ['cases'] as const;

export type CaseFilter = 'active' | 'overdue' | 'all';
export const CASE_FILTERS: readonly CaseFilter[] = ['active', 'overdue', 'all'];

export function filterQuery(filter: CaseFilter): Query {
  switch (filter) {
    case 'active':
      return { active: 'true' };
    case 'overdue':
      return { overdue: 'true' };
    case 'all':
      return {};
  }
}

export function useCases(filter: CaseFilter, paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...casesKey, 'list', filter, paging],
    queryFn: () => api.get<Page<Case>>('/api/v1/cases', { ...filterQuery(filter), ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [...casesKey, 'one', id],
    queryFn: () => api.get<Case>(`/api/v1/cases/${id}`),
    enabled: !!id,
  });
}

/** The caller's refused registrations: what a partner may dispute. */
export function useRefusedRegistrations(enabled: boolean) {
  return useQuery({
    queryKey: ['registrations', 'refused'],
    queryFn: () => api.get<Page<Registration>>('/api/v1/registrations', { status: 'rejected', limit: 200 }),
    enabled,
  });
}

export function useCaseMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: casesKey });
  return {
    dispute: useMutation({
      mutationFn: (body: DisputeBody) => api.post<Case>('/api/v1/cases/disputes', body),
      onSuccess,
    }),
    takeUp: useMutation({
      mutationFn: (id: string) => api.post<Case>(`/api/v1/cases/${id}/take-up`, {}),
      onSuccess,
    }),
    decide: useMutation({
      mutationFn: ({ id, body }: { id: string; body: DecideCaseBody }) =>
        api.post<Case>(`/api/v1/cases/${id}/decide`, body),
      onSuccess,
    }),
    withdraw: useMutation({
      mutationFn: (id: string) => api.post<Case>(`/api/v1/cases/${id}/withdraw`, {}),
      onSuccess,
    }),
  };
}
