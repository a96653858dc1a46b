import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { ClusterDecision, ImportCluster, ImportJob, Page } from '../../api/types.js';
import { accountsKey } from '../accounts/accounts.api.js';
import { isRunning } from './importJob.js';

export const importsKey = ['imports'] as const;
const POLL_MS = 1000;

export function useImports(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...importsKey, 'list', page],
    queryFn: () => api.get<Page<ImportJob>>('/api/v1/imports', page),
    placeholderData: keepPreviousData,
    // A list showing a job at work keeps up with it.
    refetchInterval: (query) =>
      query.state.data?.items.some((j) => isRunning(j.status)) ? POLL_MS * 2 : false,
  });
}

/** One import, polled every second while the worker analyses or imports it. */
export function useImport(id: string, enabled = true) {
  return useQuery({
    queryKey: [...importsKey, 'one', id],
    queryFn: () => api.get<ImportJob>(`/api/v1/imports/${id}`),
    enabled,
    refetchInterval: (query) => (query.state.data && isRunning(query.state.data.status) ? POLL_MS : false),
  });
}

export interface ClusterFilters {
  verdict?: string | undefined;
  outcome?: string | undefined;
  /** 'true' narrows to clusters with a row that has a problem. */
  problems?: 'true' | undefined;
  /** 'true' narrows to look-alikes of customers already here. */
  existing?: 'true' | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** Many clusters decided at once: those named, or all the filters select, as the analysis suggests. */
export type BulkDecision =
  | { decision: ClusterDecision; clusterIds: string[] }
  | {
      acceptSuggested: true;
      verdict?: string | undefined;
      problems?: boolean | undefined;
      existing?: boolean | undefined;
      q?: string | undefined;
    };

export interface BulkResolution {
  clusterId: string;
  action: 'skip';
}

export function useClusters(id: string, filters: ClusterFilters, enabled: boolean) {
  return useQuery({
    queryKey: [...importsKey, 'clusters', id, filters],
    queryFn: () => api.get<Page<ImportCluster>>(`/api/v1/imports/${id}/clusters`, { ...filters }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useImportMutations() {
  const client = useQueryClient();
  return {
    upload: useMutation({
      mutationFn: ({ file, contentType }: { file: File; contentType: string }) =>
        api.upload<ImportJob>(`/api/v1/imports?filename=${encodeURIComponent(file.name)}`, file, contentType),
      onSuccess: () => client.invalidateQueries({ queryKey: importsKey }),
    }),
    decide: useMutation({
      mutationFn: ({
        id,
        clusterId,
        decision,
      }: {
        id: string;
        clusterId: string;
        decision: ClusterDecision;
      }) => api.put<void>(`/api/v1/imports/${id}/clusters/${encodeURIComponent(clusterId)}`, { decision }),
      onSuccess: (_data, { id }) => client.invalidateQueries({ queryKey: [...importsKey, 'clusters', id] }),
    }),
    decideMany: useMutation({
      mutationFn: ({ id, body }: { id: string; body: BulkDecision }) =>
        api.post<{ decided: number; clusterIds: string[] }>(`/api/v1/imports/${id}/clusters/decide`, body),
      onSuccess: (_data, { id }) => client.invalidateQueries({ queryKey: [...importsKey, 'clusters', id] }),
    }),
    resolveMany: useMutation({
      mutationFn: ({ id, items }: { id: string; items: BulkResolution[] }) =>
        api.post<{ items: { clusterId: string; outcome: string }[] }>(
          `/api/v1/imports/${id}/clusters/resolve`,
          { items },
        ),
      onSuccess: (_data, { id }) => {
        void client.invalidateQueries({ queryKey: [...importsKey, 'clusters', id] });
        void client.invalidateQueries({ queryKey: accountsKey });
      },
    }),
    start: useMutation({
      mutationFn: (id: string) => api.post<ImportJob>(`/api/v1/imports/${id}/start`),
      onSuccess: (job) => {
        client.setQueryData([...importsKey, 'one', job.id], job);
        void client.invalidateQueries({ queryKey: importsKey });
        void client.invalidateQueries({ queryKey: accountsKey });
      },
    }),
  };
}
