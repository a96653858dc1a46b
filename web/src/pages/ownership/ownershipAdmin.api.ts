import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type {
  DistributeBody,
  Ownership,
  Pool,
  PoolBody,
  RecoveryRule,
  RecoveryRuleBody,
  TeamBody,
  TransferBody,
} from '../../api/types.js';
import { ownershipKey, poolsKey } from './ownership.api.js';
import { transferOneByOne, type TransferOutcome } from './transfer.js';

export const recoveryRulesKey = ['recovery-rules'] as const;

/** Everything a move of customers changes: pools, lists, the accounts' ownership panels. */
function useRefreshOwnership() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: ownershipKey });
    await client.invalidateQueries({ queryKey: poolsKey });
    await client.invalidateQueries({ queryKey: ['accounts'] });
  };
}

export function usePoolMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: poolsKey });
  return {
    create: useMutation({
      mutationFn: (body: PoolBody) => api.post<Pool>('/api/v1/pools', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Partial<PoolBody> }) =>
        api.patch<Pool>(`/api/v1/pools/${id}`, body),
      onSuccess,
    }),
  };
}

export function useDistribute(poolId: string | undefined) {
  const refresh = useRefreshOwnership();
  return useMutation({
    mutationFn: (body: DistributeBody) =>
      api.post<{ moved: number }>(`/api/v1/pools/${poolId}/distribute`, body),
    onSuccess: refresh,
  });
}

export function useRecoveryRules() {
  return useQuery({
    queryKey: [...recoveryRulesKey, 'list'],
    queryFn: () => api.get<RecoveryRule[]>('/api/v1/recovery-rules'),
  });
}

/** A rule change re-dates every protected customer, so deadlines everywhere are refreshed too. */
export function useRecoveryRuleMutations() {
  const client = useQueryClient();
  const onSuccess = async () => {
    await client.invalidateQueries({ queryKey: recoveryRulesKey });
    await client.invalidateQueries({ queryKey: ownershipKey });
  };
  return {
    create: useMutation({
      mutationFn: (body: RecoveryRuleBody) => api.post<RecoveryRule>('/api/v1/recovery-rules', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Partial<RecoveryRuleBody> }) =>
        api.patch<RecoveryRule>(`/api/v1/recovery-rules/${id}`, body),
      onSuccess,
    }),
  };
}

/** Hands customers over one at a time, so each one's outcome (moved, or refused and why) can be shown. */
export function useTransfer() {
  const refresh = useRefreshOwnership();
  return useMutation({
    mutationFn: (body: TransferBody): Promise<TransferOutcome[]> =>
      transferOneByOne(body, (one) =>
        api.post<{ moved: number; opportunitiesMoved: number }>('/api/v1/ownership/transfer', one),
      ),
    onSuccess: refresh,
  });
}

export function useSetAccountTeam(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamBody) => api.put<Ownership>(`/api/v1/accounts/${accountId}/team`, body),
    onSuccess: (ownership) => {
      client.setQueryData([...ownershipKey, 'account', accountId], ownership);
    },
  });
}
