import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type {
  Account,
  AccountDetail,
  AccountMerge,
  CheckAccountBody,
  CheckResult,
  Contact,
  ContactBody,
  CreateAccountBody,
  CreatedAccount,
  MergeResult,
  Page,
  UpdateAccountBody,
  UpdateContactBody,
} from '../../api/types.js';

export const accountsKey = ['accounts'] as const;

export interface AccountFilters {
  q?: string | undefined;
  status?: string | undefined;
  ownerId?: string | undefined;
  limit: number;
  offset: number;
}

export function useAccounts(filters: AccountFilters, enabled = true) {
  return useQuery({
    queryKey: [...accountsKey, 'list', filters],
    queryFn: () => api.get<Page<Account>>('/api/v1/accounts', filters as unknown as Query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAccount(id: string | null | undefined) {
  return useQuery({
    queryKey: [...accountsKey, 'one', id],
    queryFn: () => api.get<AccountDetail>(`/api/v1/accounts/${id}`),
    enabled: !!id,
  });
}

export function useAccountMerges(id: string) {
  return useQuery({
    queryKey: [...accountsKey, 'merges', id],
    queryFn: async () => (await api.get<{ items: AccountMerge[] }>(`/api/v1/accounts/${id}/merges`)).items,
  });
}

/**
 * The duplicate check for what is being typed (`body` null: nothing to check yet). Results are cached by
 * body, so typing back to an earlier value does not ask again, and the previous answer stays on screen
 * while the next one is on its way.
 */
export function useDuplicateCheck(body: CheckAccountBody | null) {
  return useQuery({
    queryKey: [...accountsKey, 'check', body],
    queryFn: () => api.post<CheckResult>('/api/v1/accounts/check', body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function useAccountMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: accountsKey });
  return {
    create: useMutation({
      mutationFn: (body: CreateAccountBody) => api.post<CreatedAccount>('/api/v1/accounts', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateAccountBody }) =>
        api.patch<Account>(`/api/v1/accounts/${id}`, body),
      onSuccess,
    }),
    merge: useMutation({
      mutationFn: ({ id, mergedId, reason }: { id: string; mergedId: string; reason: string }) =>
        api.post<MergeResult>(`/api/v1/accounts/${id}/merge`, { mergedId, reason }),
      onSuccess,
    }),
    unmerge: useMutation({
      mutationFn: ({ mergeId, reason }: { mergeId: string; reason: string }) =>
        api.post<{ survivor: Account; restored: Account | null }>(
          `/api/v1/accounts/merges/${mergeId}/unmerge`,
          {
            reason,
          },
        ),
      onSuccess,
    }),
    // Refetched on failure too: a 409 means the status changed elsewhere, and the page should show it.
    archive: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api.post<Account>(`/api/v1/accounts/${id}/archive`, { reason }),
      onSettled: onSuccess,
    }),
    restore: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api.post<Account>(`/api/v1/accounts/${id}/restore`, { reason }),
      onSettled: onSuccess,
    }),
  };
}

/** The contacts of one account; each change refetches the account (contacts are matching evidence). */
export function useContactMutations(accountId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: accountsKey });
  const base = `/api/v1/accounts/${accountId}/contacts`;
  return {
    add: useMutation({
      mutationFn: (body: ContactBody) => api.post<Contact>(base, body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateContactBody }) =>
        api.patch<Contact>(`${base}/${id}`, body),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete<void>(`${base}/${id}`),
      onSuccess,
    }),
  };
}
