import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { ApiToken, CreatedToken, CreateTokenBody } from '../../api/types.js';

const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await api.get<{ items: ApiToken[] }>('/api/v1/me/tokens')).items,
  });
}

export function useTokenMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: tokensKey });
  return {
    create: useMutation({
      mutationFn: (body: CreateTokenBody) => api.post<CreatedToken>('/api/v1/me/tokens', body),
      onSuccess,
    }),
    revoke: useMutation({
      mutationFn: (id: string) => api.delete<ApiToken>(`/api/v1/me/tokens/${id}`),
      onSuccess,
    }),
  };
}
