import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import type { z } from 'zod';
import type {
  addPayeeBody,
  myPlanSchema,
  payeeSchema,
} from '../../../../src/modules/commission/payees.schema.js';
import type {
  AmendInput,
  amendBody,
  createPlanBody,
  planDetailSchema,
  planSchema,
  versionSchema,
  warningSchema,
} from '../../../../src/modules/commission/plans.schema.js';
import type { whatIfBody, whatIfResult } from '../../../../src/modules/commission/periods.schema.js';
import type { indexSchema, targetSchema } from '../../../../src/modules/commission/targets.schema.js';

/**
 * The commission plan API (`/api/v1/commission`, docs/commission.md) as the plan pages use it; its types are
 * the server's schemas, as in api/types.ts.
 */

export type Plan = z.infer<typeof planSchema>;
export type PlanDetail = z.infer<typeof planDetailSchema>;
export type PlanVersion = z.infer<typeof versionSchema>;
export type PlanWarning = z.infer<typeof warningSchema>;
export type PlanTarget = z.infer<typeof targetSchema>;
export type Payee = z.infer<typeof payeeSchema>;
export type MyPlan = z.infer<typeof myPlanSchema>;
export type IndexValue = z.infer<typeof indexSchema>;
export type CreatePlanBody = z.input<typeof createPlanBody>;
export type AmendBody = z.input<typeof amendBody>;
export type AddPayeeBody = z.input<typeof addPayeeBody>;
export type AmendmentReason = AmendInput['reasonCode'];

/** The reasons an amendment gives (plans.schema.ts AMENDMENT_REASONS), in the order the form offers them. */
export const AMENDMENT_REASONS = [
  'force_majeure',
  'market_change',
  'arbitration',
  'correction',
  'other',
] as const satisfies readonly AmendmentReason[];

export type WhatIfBody = z.input<typeof whatIfBody>;
/** Per period, each payee's current and what-if earned, in major units (a null current: never calculated). */
export type WhatIfResult = z.infer<typeof whatIfResult>;

const base = '/api/v1/commission';
export const plansKey = ['commission', 'plans'] as const;

export function usePlans(filters: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...plansKey, 'list', filters],
    queryFn: () => api.get<Page<Plan>>(`${base}/plans`, filters),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: [...plansKey, 'one', id],
    queryFn: () => api.get<PlanDetail>(`${base}/plans/${id}`),
  });
}

export function usePayees(planId: string) {
  return useQuery({
    queryKey: [...plansKey, 'payees', planId],
    queryFn: () => api.get<{ items: Payee[] }>(`${base}/plans/${planId}/payees`),
  });
}

export function useMyPlans() {
  return useQuery({
    queryKey: [...plansKey, 'my'],
    queryFn: () => api.get<{ items: MyPlan[] }>(`${base}/my/plans`),
  });
}

export function useIndexes(code: string | null) {
  return useQuery({
    queryKey: [...plansKey, 'indexes', code],
    queryFn: () =>
      api.get<Page<IndexValue>>(`${base}/indexes`, { code: code ?? undefined, limit: 100, offset: 0 }),
    enabled: code !== null,
  });
}

/** Every write on plans; each refreshes the plan queries it may have changed. */
export function usePlanMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: plansKey });
  return {
    create: useMutation({
      mutationFn: (body: CreatePlanBody) => api.post<PlanDetail>(`${base}/plans`, body),
      onSuccess: refresh,
    }),
    amend: useMutation({
      mutationFn: ({ id, body }: { id: string; body: AmendBody }) =>
        api.post<PlanDetail>(`${base}/plans/${id}/versions`, body),
      onSuccess: refresh,
    }),
    decide: useMutation({
      mutationFn: (v: { id: string; versionId: string; verdict: 'publish' | 'reject' }) =>
        api.post<PlanDetail>(`${base}/plans/${v.id}/versions/${v.versionId}/${v.verdict}`, {}),
      onSuccess: refresh,
    }),
    addPayee: useMutation({
      mutationFn: (v: { id: string; body: AddPayeeBody }) =>
        api.post<Payee>(`${base}/plans/${v.id}/payees`, v.body),
      onSuccess: refresh,
    }),
    patchPayee: useMutation({
      mutationFn: (v: { id: string; payeeId: string; endDate: string | null }) =>
        api.patch<Payee>(`${base}/plans/${v.id}/payees/${v.payeeId}`, { endDate: v.endDate }),
      onSuccess: refresh,
    }),
    putTargets: useMutation({
      mutationFn: (v: { id: string; versionId: string; targets: PlanTarget[] }) =>
        api.put<{ versionId: string; targets: PlanTarget[]; warnings: PlanWarning[] }>(
          `${base}/plans/${v.id}/targets`,
          { versionId: v.versionId, targets: v.targets },
        ),
      onSuccess: refresh,
    }),
    setIndex: useMutation({
      mutationFn: (v: { code: string; periodStart: string; value: string }) =>
        api.put<IndexValue>(`${base}/indexes/${encodeURIComponent(v.code)}/${v.periodStart}`, {
          value: v.value,
        }),
      onSuccess: refresh,
    }),
    acknowledge: useMutation({
      mutationFn: (v: { payeeId: string; versionId: string }) =>
        api.post<Payee>(`${base}/payees/${v.payeeId}/acknowledge`, { versionId: v.versionId }),
      onSuccess: refresh,
    }),
    whatIf: useMutation({
      mutationFn: (v: { id: string; body: WhatIfBody }) =>
        api.post<WhatIfResult>(`${base}/plans/${v.id}/what-if`, v.body),
    }),
  };
}
