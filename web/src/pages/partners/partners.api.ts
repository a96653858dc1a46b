import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type {
  CertificationBody,
  CertificationType,
  CreatePartnerBody,
  InviteBody,
  InviteReply,
  Page,
  Partner,
  PartnerDetail,
  PartnerStatusBody,
  PartnerStatusReply,
  PartnerTier,
} from '../../api/types.js';

export const partnersKey = ['partners'] as const;

export interface PartnerFilters {
  q?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

export function usePartners(filters: PartnerFilters) {
  return useQuery({
    queryKey: [...partnersKey, 'list', filters],
    queryFn: () => api.get<Page<Partner>>('/api/v1/partners', filters as unknown as Query),
    placeholderData: keepPreviousData,
  });
}

export function usePartner(id: string) {
  return useQuery({
    queryKey: [...partnersKey, 'one', id],
    queryFn: () => api.get<PartnerDetail>(`/api/v1/partners/${id}`),
  });
}

export function usePartnerTiers() {
  return useQuery({
    queryKey: [...partnersKey, 'tiers'],
    queryFn: () => api.get<{ items: PartnerTier[] }>('/api/v1/partner-tiers'),
    staleTime: 60_000,
  });
}

export function useCertificationTypes(enabled: boolean) {
  return useQuery({
    queryKey: [...partnersKey, 'certification-types'],
    queryFn: () => api.get<{ items: CertificationType[] }>('/api/v1/partner-certification-types'),
    staleTime: 60_000,
    enabled,
  });
}

export function usePartnerMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: partnersKey });
  return {
    create: useMutation({
      mutationFn: (body: CreatePartnerBody) => api.post<PartnerDetail>('/api/v1/partners', body),
      onSuccess,
    }),
    move: useMutation({
      mutationFn: ({ id, body }: { id: string; body: PartnerStatusBody }) =>
        api.post<PartnerStatusReply>(`/api/v1/partners/${id}/status`, body),
      onSuccess,
    }),
    tick: useMutation({
      mutationFn: ({ id, itemId, done }: { id: string; itemId: string; done: boolean }) =>
        api.put<PartnerDetail>(`/api/v1/partners/${id}/checklist/${itemId}`, { done }),
      onSuccess,
    }),
    changeTier: useMutation({
      mutationFn: ({ id, tierId, reason }: { id: string; tierId: string; reason: string }) =>
        api.patch<PartnerDetail>(`/api/v1/partners/${id}`, { tierId, reason }),
      onSuccess,
    }),
    certify: useMutation({
      mutationFn: ({ id, body }: { id: string; body: CertificationBody }) =>
        api.post<PartnerDetail>(`/api/v1/partners/${id}/certifications`, body),
      onSuccess,
    }),
    invite: useMutation({
      mutationFn: ({ id, body }: { id: string; body: InviteBody }) =>
        api.post<InviteReply>(`/api/v1/partners/${id}/users`, body),
      onSuccess,
    }),
  };
}
