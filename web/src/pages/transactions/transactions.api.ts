import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type {
  CreditLine,
  Page,
  Transaction,
  TransactionBatchResult,
  TransactionDetail,
} from '../../api/types.js';

export const transactionsKey = ['transactions'] as const;

export function useTransactions(filters: { q?: string | undefined; limit: number; offset: number }) {
  return useQuery({
    queryKey: [...transactionsKey, 'list', filters],
    queryFn: () => api.get<Page<Transaction>>('/api/v1/transactions', filters as unknown as Query),
    placeholderData: keepPreviousData,
  });
}

export function useTransaction(id: string) {
  return useQuery({
    queryKey: [...transactionsKey, 'one', id],
    queryFn: () => api.get<TransactionDetail>(`/api/v1/transactions/${id}`),
  });
}

export function useMyCredit(filters: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...transactionsKey, 'credit', filters],
    queryFn: () => api.get<Page<CreditLine>>('/api/v1/credit-lines', filters as unknown as Query),
    placeholderData: keepPreviousData,
  });
}

export function useImportTransactions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, contentType }: { file: File; contentType: string }) =>
      api.upload<TransactionBatchResult>(
        `/api/v1/transactions/import?filename=${encodeURIComponent(file.name)}`,
        file,
        contentType,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: transactionsKey }),
  });
}
