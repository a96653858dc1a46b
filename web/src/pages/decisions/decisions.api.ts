import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Decision, Page } from '../../api/types.js';
import { accountsKey } from '../accounts/accounts.api.js';

/**
 * Decisions about one account, newest first. Kept under the accounts key: a change to the account (a rename
 * runs the duplicate check again) refetches them with it.
 */
export function useAccountDecisions(accountId: string, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...accountsKey, 'decisions', accountId, page],
    queryFn: () => api.get<Page<Decision>>(`/api/v1/accounts/${accountId}/decisions`, page),
    placeholderData: keepPreviousData,
  });
}

/** One decision; decisions never change once made. */
export function useDecision(id: string | null) {
  return useQuery({
    queryKey: ['decisions', id],
    queryFn: () => api.get<Decision>(`/api/v1/decisions/${id}`),
    enabled: id !== null,
    staleTime: Infinity,
  });
}
