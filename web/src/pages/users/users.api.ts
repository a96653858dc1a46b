import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type { CreatedUser, CreateUserBody, Page, UpdateUserBody, User } from '../../api/types.js';

export const usersKey = ['users'] as const;

export interface UserFilters {
  q?: string | undefined;
  role?: string | undefined;
  status?: string | undefined;
  teamId?: string | undefined;
  limit: number;
  offset: number;
}

export function useUsers(filters: UserFilters, enabled = true) {
  return useQuery({
    queryKey: [...usersKey, 'list', filters],
    queryFn: () => api.get<Page<User>>('/api/v1/users', filters as unknown as Query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUser(id: string | null | undefined) {
  return useQuery({
    queryKey: [...usersKey, 'one', id],
    queryFn: () => api.get<User>(`/api/v1/users/${id}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useUserMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: usersKey });
  return {
    create: useMutation({
      mutationFn: (body: CreateUserBody) => api.post<CreatedUser>('/api/v1/users', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
        api.patch<User>(`/api/v1/users/${id}`, body),
      onSuccess,
    }),
    resetPassword: useMutation({
      mutationFn: (id: string) =>
        api.post<{ generatedPassword: string }>(`/api/v1/users/${id}/reset-password`),
    }),
  };
}
