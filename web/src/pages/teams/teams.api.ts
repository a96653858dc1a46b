import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { CreateTeamBody, Team, UpdateTeamBody } from '../../api/types.js';

export const teamsKey = ['teams'] as const;

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: teamsKey,
    queryFn: async () => (await api.get<{ items: Team[] }>('/api/v1/teams')).items,
    enabled,
  });
}

export function useTeamMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: teamsKey });
  return {
    create: useMutation({
      mutationFn: (body: CreateTeamBody) => api.post<Team>('/api/v1/teams', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateTeamBody }) =>
        api.patch<Team>(`/api/v1/teams/${id}`, body),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<void>(`/api/v1/teams/${id}`), onSuccess }),
  };
}
