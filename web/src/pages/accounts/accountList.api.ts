import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Account, BulkArchiveResult, Page } from '../../api/types.js';
import { toListQuery, type AccountListFilters } from './accountListQuery.js';
import { accountsKey } from './accounts.api.js';

/** The customer list with its filters, sort and page (see accountListQuery.ts). */
export function useAccountList(filters: AccountListFilters) {
  const query = toListQuery(filters);
  return useQuery({
    queryKey: [...accountsKey, 'list', query],
    queryFn: () => api.get<Page<Account>>('/api/v1/accounts', query),
    placeholderData: keepPreviousData,
  });
}

/** Archives the selected customers in one request; the list is refetched whatever the outcome. */
export function useBulkArchive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[]; reason: string }) =>
      api.post<BulkArchiveResult>('/api/v1/accounts/archive', body),
    onSettled: () => client.invalidateQueries({ queryKey: accountsKey }),
  });
}
