import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type {
  ClaimResult,
  MyCustomer,
  NotificationPage,
  Ownership,
  Page,
  Pool,
  PooledAccount,
} from '../../api/types.js';

export const ownershipKey = ['ownership'] as const;
export const poolsKey = ['pools'] as const;
export const notificationsKey = ['notifications'] as const;

export function useMyCustomers(paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...ownershipKey, 'mine', paging],
    queryFn: () => api.get<Page<MyCustomer>>('/api/v1/ownership/mine', paging),
    placeholderData: keepPreviousData,
  });
}

export function useOwnership(accountId: string) {
  return useQuery({
    queryKey: [...ownershipKey, 'account', accountId],
    queryFn: () => api.get<Ownership>(`/api/v1/accounts/${accountId}/ownership`),
  });
}

interface Moved {
  accountId: string;
  decisionId: string | null;
}

/** Release, lock and unlock; each refreshes the customer's ownership, the caller's list and the account. */
export function useOwnershipMutations(accountId: string) {
  const client = useQueryClient();
  const onSuccess = async () => {
    await client.invalidateQueries({ queryKey: ownershipKey });
    await client.invalidateQueries({ queryKey: poolsKey });
    await client.invalidateQueries({ queryKey: ['accounts'] });
  };
  return {
    release: useMutation({
      mutationFn: (body: { poolId?: string; reason: string }) =>
        api.post<Moved>(`/api/v1/accounts/${accountId}/release`, body),
      onSuccess,
    }),
    lock: useMutation({
      mutationFn: (reason?: string) =>
        api.post<Moved>(`/api/v1/accounts/${accountId}/lock`, reason ? { reason } : {}),
      onSuccess,
    }),
    unlock: useMutation({
      mutationFn: (reason?: string) =>
        api.post<Moved>(`/api/v1/accounts/${accountId}/unlock`, reason ? { reason } : {}),
      onSuccess,
    }),
  };
}

export function usePools() {
  return useQuery({ queryKey: [...poolsKey, 'list'], queryFn: () => api.get<Pool[]>('/api/v1/pools') });
}

export interface PoolAccountsFilter {
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function usePoolAccounts(poolId: string | undefined, filter: PoolAccountsFilter) {
  return useQuery({
    queryKey: [...poolsKey, 'accounts', poolId, filter],
    queryFn: () =>
      api.get<Page<PooledAccount>>(`/api/v1/pools/${poolId}/accounts`, filter as unknown as Query),
    enabled: Boolean(poolId),
    placeholderData: keepPreviousData,
  });
}

export function useClaim() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ poolId, accountId }: { poolId: string; accountId: string }) =>
      api.post<ClaimResult>(`/api/v1/pools/${poolId}/accounts/${accountId}/claim`, {}),
    // Claimed or lost to someone faster: either way the pool's list has changed.
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: poolsKey });
      await client.invalidateQueries({ queryKey: ownershipKey });
    },
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: [...notificationsKey, 'list'],
    queryFn: () => api.get<NotificationPage>('/api/v1/notifications', { limit: 20, offset: 0 }),
    refetchInterval: 60_000,
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/api/v1/notifications/read', { all: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey }),
  });
}
