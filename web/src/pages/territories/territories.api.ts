import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type {
  AddAuthorisationBody,
  FenceException,
  FenceVerdict,
  GrantExceptionBody,
  SaveTerritoryBody,
  TerritoryAuthorisation,
  TerritoryComparison,
  TerritoryMap,
  TerritoryModel,
} from '../../api/types.js';

export const territoriesKey = ['territories'] as const;

/** The active model as the caller may see it (a partner: its own authorisations). */
export function useActiveMap() {
  return useQuery({
    queryKey: [...territoriesKey, 'active'],
    queryFn: () => api.get<TerritoryMap>('/api/v1/territories'),
  });
}

export function useModels() {
  return useQuery({
    queryKey: [...territoriesKey, 'models'],
    queryFn: () => api.get<{ items: TerritoryModel[] }>('/api/v1/territory-models'),
  });
}

export function useModelMap(id: string) {
  return useQuery({
    queryKey: [...territoriesKey, 'model', id],
    queryFn: () => api.get<TerritoryMap>(`/api/v1/territory-models/${id}`),
  });
}

/** The comparison of a draft with the active model; fetched when asked for (`enabled`). */
export function useComparison(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...territoriesKey, 'model', id, 'comparison'],
    queryFn: () => api.get<TerritoryComparison>(`/api/v1/territory-models/${id}/comparison`),
    enabled,
  });
}

export interface FenceQuestion {
  partnerId?: string | undefined;
  teamId?: string | undefined;
  regionCode: string;
  industryCode?: string | undefined;
  productLineCode?: string | undefined;
  date?: string | undefined;
}

/** Asks the fence one question; a mutation so a form can show a refused field under itself. */
export function useFenceCheck() {
  return useMutation({
    mutationFn: (question: FenceQuestion) =>
      api.get<FenceVerdict>('/api/v1/fence', question as unknown as Query),
  });
}

export function useExceptions(partnerId: string | undefined) {
  return useQuery({
    queryKey: [...territoriesKey, 'exceptions', partnerId ?? null],
    queryFn: () => api.get<{ items: FenceException[] }>('/api/v1/territory-exceptions', { partnerId }),
    placeholderData: keepPreviousData,
  });
}

export function useTerritoryMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: territoriesKey });
  return {
    createDraft: useMutation({
      mutationFn: (body: { name: string; basedOn?: string }) =>
        api.post<TerritoryModel>('/api/v1/territory-models', body),
      onSuccess,
    }),
    saveTerritory: useMutation({
      mutationFn: ({ modelId, body }: { modelId: string; body: SaveTerritoryBody }) =>
        api.put<TerritoryMap>(`/api/v1/territory-models/${modelId}/territories`, body),
      onSuccess,
    }),
    removeTerritory: useMutation({
      mutationFn: ({ modelId, code }: { modelId: string; code: string }) =>
        api.delete<void>(`/api/v1/territory-models/${modelId}/territories/${encodeURIComponent(code)}`),
      onSuccess,
    }),
    addAuthorisation: useMutation({
      mutationFn: ({ modelId, body }: { modelId: string; body: AddAuthorisationBody }) =>
        api.post<TerritoryAuthorisation>(`/api/v1/territory-models/${modelId}/authorisations`, body),
      onSuccess,
    }),
    removeAuthorisation: useMutation({
      mutationFn: ({ modelId, id }: { modelId: string; id: string }) =>
        api.delete<void>(`/api/v1/territory-models/${modelId}/authorisations/${id}`),
      onSuccess,
    }),
    activate: useMutation({
      mutationFn: (modelId: string) =>
        api.post<TerritoryModel>(`/api/v1/territory-models/${modelId}/activate`, {}),
      onSuccess,
    }),
    grantException: useMutation({
      mutationFn: (body: GrantExceptionBody) =>
        api.post<FenceException>('/api/v1/territory-exceptions', body),
      onSuccess,
    }),
    revokeException: useMutation({
      mutationFn: (id: string) => api.post<FenceException>(`/api/v1/territory-exceptions/${id}/revoke`, {}),
      onSuccess,
    }),
  };
}
