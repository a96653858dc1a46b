import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.js';
import type {
  Absence,
  AbsenceBody,
  AssignmentRule,
  Eligibility,
  Page,
  Pool,
  RuleSet,
  RuleSetApply,
  SaveRuleSetBody,
  WhatIf,
} from '../../api/types.js';

const base = '/api/v1/assignment';
export const ruleSetsKey = ['assignment', 'rule-sets'] as const;
const eligibilityKey = (userId: string) => ['assignment', 'eligibility', userId] as const;

export function useRuleSets() {
  return useQuery({
    queryKey: ruleSetsKey,
    queryFn: () => api.get<Page<RuleSet>>(`${base}/rule-sets`, { limit: 200 }),
    placeholderData: keepPreviousData,
  });
}

export function usePools() {
  return useQuery({ queryKey: ['pools'], queryFn: () => api.get<Pool[]>('/api/v1/pools') });
}

export function useRuleSetMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ruleSetsKey });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; basedOn?: string }) => api.post<RuleSet>(`${base}/rule-sets`, body),
      onSuccess,
    }),
    save: useMutation({
      mutationFn: ({ id, body }: { id: string; body: SaveRuleSetBody }) =>
        api.put<RuleSet>(`${base}/rule-sets/${id}`, body),
      onSuccess,
    }),
    validate: useMutation({
      mutationFn: (rules: AssignmentRule[]) =>
        api.post<{ valid: true; rules: number }>(`${base}/rule-sets/validate`, { rules }),
    }),
    publish: useMutation({
      mutationFn: ({ id, applyToExisting }: { id: string; applyToExisting: boolean }) =>
        api.post<RuleSet>(`${base}/rule-sets/${id}/publish`, { applyToExisting }),
      onSuccess: (set: RuleSet) => {
        void onSuccess();
        void client.invalidateQueries({ queryKey: applyKey(set.id) });
      },
    }),
    whatIf: useMutation({
      mutationFn: ({ id, limit, offset }: { id: string; limit: number; offset: number }) =>
        api.post<WhatIf>(`${base}/rule-sets/${id}/what-if?limit=${limit}&offset=${offset}`),
    }),
  };
}

const applyKey = (id: string) => ['assignment', 'apply', id] as const;

/** The latest run applying a live set to existing customers, polled while it runs; null when none. */
export function useApply(ruleSetId: string | null) {
  return useQuery({
    queryKey: applyKey(ruleSetId ?? ''),
    queryFn: async () => {
      try {
        return await api.get<RuleSetApply>(`${base}/rule-sets/${ruleSetId}/apply`, { limit: 20 });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled: !!ruleSetId,
    refetchInterval: (query) =>
      query.state.data && ['queued', 'running'].includes(query.state.data.status) ? 1000 : false,
  });
}

export function useEligibility(userId: string | null) {
  return useQuery({
    queryKey: eligibilityKey(userId ?? ''),
    queryFn: () => api.get<Eligibility>(`${base}/users/${userId}/eligibility`),
    enabled: !!userId,
  });
}

export function useEligibilityMutations(userId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: eligibilityKey(userId) });
  return {
    addAbsence: useMutation({
      mutationFn: (body: AbsenceBody) => api.post<Absence>(`${base}/users/${userId}/absences`, body),
      onSuccess,
    }),
    removeAbsence: useMutation({
      mutationFn: (absenceId: string) => api.delete<null>(`${base}/users/${userId}/absences/${absenceId}`),
      onSuccess,
    }),
    setCapacity: useMutation({
      mutationFn: (maxAccounts: number | null) =>
        api.put<Eligibility>(`${base}/users/${userId}/capacity`, { maxAccounts }),
      onSuccess,
    }),
  };
}
