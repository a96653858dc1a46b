import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type { Page } from '../../api/types.js';

/**
 * Commission periods, statements, disputes and attainment as docs/commission.md states the API
 * (`/api/v1/commission`). Money is a decimal string of the plan currency's major unit with `currency` beside
 * it; percentages are decimal strings; a line's formula is codes and parameters, rendered in the reader's
 * language.
 */
const BASE = '/api/v1/commission';

export const PERIOD_STATUSES = ['open', 'calculated', 'approved', 'locked', 'paid'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export const LINE_KINDS = [
  'earning',
  'returns',
  'tier_slice',
  'product_rate',
  'bonus',
  'pool_bonus',
  'cap',
  'floor',
  'draw',
  'draw_recovery',
  'carried',
  'adjustment',
  'true_up',
  'clawback',
  'ytd_prior',
] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const ADJUSTMENT_KINDS = [
  'amendment',
  'true_up',
  'clawback',
  'recompute',
  'dispute',
  'prior_period',
  'rate_change',
] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export const DISPUTE_STATUSES = ['open', 'in_review', 'upheld', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface Formula {
  code: string;
  params: Record<string, unknown>;
}

export interface CommissionPeriod {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: PeriodStatus;
  currency: string;
  payout: string | null;
  payees: number | null;
  /** The number of the current calculation. */
  seq: number | null;
  calculatedAt: string | null;
  lockedAt: string | null;
}

export interface PeriodRef {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: PeriodStatus;
}

export interface PayeeRef {
  type: 'user' | 'partner';
  id: string;
  name: string;
}

export interface CalculationResult {
  periodId: string;
  currency: string;
  snapshot: {
    id: string;
    seq: number;
    kind: 'calculation' | 'recalculation';
    payees: number;
    payout: string;
  };
  /** Differences found after a lock, each aimed at the plan's next open period. */
  adjustments: { id: string; payeeId: string; kind: string; amount: string }[];
}

export interface PayeeResultView {
  currency: string;
  measure: string;
  target: string;
  attainment: string | null;
  /** Index of the tier reached, from 0. */
  tier: number | null;
  earned: string;
  payout: string;
  carried: string;
  drawBalance: string;
}

/** A payee's row in finance's view of a period; `payee.id` is the user's or the partner's id. */
export interface StatementRow extends PayeeResultView {
  payeeId: string;
  payee: PayeeRef;
}

export interface StatementList {
  period: PeriodRef;
  statements: StatementRow[];
}

/** The adjustment a line pays out: its kind and why (`reason`: the amendment's version and reason code, the source period). */
export interface LineAdjustment {
  id: string;
  kind: string | null;
  reason: Record<string, unknown> | null;
  versionId: string | null;
  sourcePeriodId: string | null;
}

export interface StatementLine {
  id: string;
  lineNo: number;
  kind: string;
  amount: string;
  basis: string | null;
  rate: string | null;
  tier: number | null;
  formula: Formula;
  adjustment: LineAdjustment | null;
  /** A dispute of this line, when the server says (not sent yet). */
  dispute?: { id: string; status: DisputeStatus } | null;
}

export interface StatementCredit {
  creditLineId: string;
  transactionId: string;
  externalId: string | null;
  kind: string | null;
  date: string | null;
  customer: { id: string; legalName: string } | null;
  measure: string;
  payOn: string;
  commission: string;
}

/** One payee's statement; `payee.id` is the payee's id on the plan. */
export interface Statement {
  period: PeriodRef;
  plan: { id: string; code: string; name: string };
  version: { id: string; version: number; effectiveFrom: string };
  snapshot: { id: string; seq: number; kind: string; calculatedAt: string };
  payee: PayeeRef;
  result: PayeeResultView;
  lines: StatementLine[];
  credits: StatementCredit[];
  explanation: unknown;
  /** Whether the credit lines, as they stood at the calculation, give its earned amount again. */
  reproduced?: boolean;
}

/** One of the caller's locked statements (`GET /my/statements`). */
export interface MyStatement {
  periodId: string;
  payeeId: string;
  plan: { id: string; code: string; name: string };
  periodStart: string;
  periodEnd: string;
  status: PeriodStatus;
  currency: string;
  attainment: string | null;
  payout: string;
}

/** A dispute of one statement line (`GET /disputes`, disputes.schema.ts). */
export interface Dispute {
  id: string;
  status: DisputeStatus;
  reason: string;
  planId: string;
  periodId: string;
  periodStart: string;
  periodEnd: string;
  payeeId: string;
  payee: { type: 'user' | 'partner'; id: string; name: string | null };
  line: { id: string; lineNo: number; kind: string; amount: string; formula: Formula };
  currency: string;
  raisedBy: string;
  raisedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
  adjustment: { id: string; periodId: string; periodStart: string; amount: string } | null;
  decisionId: string | null;
}

/** One period of a payee's attainment (`GET /attainment`, attainment.routes.ts). */
export interface AttainmentPoint {
  periodId: string;
  periodStart: string;
  periodEnd: string;
  status: PeriodStatus;
  target: string | null;
  measure: string | null;
  attainment: string | null;
  payout: string | null;
  currency: string;
}

/** The running period's forecast: run rate to its end plus stage-weighted open opportunities. */
export interface AttainmentForecast {
  periodId: string | null;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  elapsedDays: number;
  daysInPeriod: number;
  measureSoFar: string | null;
  runRate: string;
  pipeline: { weighted: string; opportunities: number; skipped: number; weights: Record<string, string> };
  projected: string;
  target: string | null;
  attainment: string | null;
  currency: string;
}

export interface AttainmentSeries {
  payee: { id: string; type: 'user' | 'partner'; refId: string; name: string };
  periods: AttainmentPoint[];
  forecast: AttainmentForecast | null;
}

export interface Attainment {
  planId: string;
  measure: 'gross' | 'net' | 'margin' | 'units';
  currency: string;
  payees: AttainmentSeries[];
}

export const commissionKey = ['commission'] as const;
const periodsKey = [...commissionKey, 'periods'] as const;
const statementsKey = [...commissionKey, 'statements'] as const;
const disputesKey = [...commissionKey, 'disputes'] as const;

export function usePeriods(planId: string) {
  return useQuery({
    queryKey: [...periodsKey, planId],
    queryFn: () => api.get<CommissionPeriod[]>(`${BASE}/plans/${planId}/periods`),
  });
}

export type PeriodAction = 'calculate' | 'approve' | 'lock' | 'pay';

export function usePeriodAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ periodId, action }: { periodId: string; action: PeriodAction }) =>
      api.post<CalculationResult | CommissionPeriod>(`${BASE}/periods/${periodId}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: commissionKey }),
  });
}

export function usePeriodStatements(periodId: string) {
  return useQuery({
    queryKey: [...statementsKey, periodId],
    queryFn: () => api.get<StatementList>(`${BASE}/periods/${periodId}/statements`),
  });
}

export function useStatement(periodId: string, payeeId: string) {
  return useQuery({
    queryKey: [...statementsKey, periodId, payeeId],
    queryFn: () => api.get<Statement>(`${BASE}/periods/${periodId}/statements/${payeeId}`),
  });
}

export function useMyStatements() {
  return useQuery({
    queryKey: [...statementsKey, 'mine'],
    queryFn: () => api.get<MyStatement[]>(`${BASE}/my/statements`),
  });
}

export function useDisputes(filters: {
  status?: DisputeStatus | undefined;
  periodId?: string | undefined;
  limit: number;
  offset: number;
}) {
  return useQuery({
    queryKey: [...disputesKey, filters],
    queryFn: () => api.get<Page<Dispute>>(`${BASE}/disputes`, filters as Query),
    placeholderData: keepPreviousData,
  });
}

export function useRaiseDispute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ lineId, reason }: { lineId: string; reason: string }) =>
      api.post<Dispute>(`${BASE}/lines/${lineId}/disputes`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: commissionKey }),
  });
}

export type DisputeResolution =
  { outcome: 'upheld'; amount: string; note: string } | { outcome: 'rejected'; note: string };

export function useReviewDispute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string }) => api.post<Dispute>(`${BASE}/disputes/${id}/review`),
    onSuccess: () => client.invalidateQueries({ queryKey: disputesKey }),
  });
}

export function useResolveDispute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: DisputeResolution & { id: string }) =>
      api.post<Dispute>(`${BASE}/disputes/${id}/resolve`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: commissionKey }),
  });
}

export function useAttainment(filters: {
  planId?: string | undefined;
  payeeId?: string | undefined;
  teamId?: string | undefined;
}) {
  return useQuery({
    queryKey: [...commissionKey, 'attainment', filters],
    queryFn: () => api.get<Attainment>(`${BASE}/attainment`, filters as Query),
    enabled: Boolean(filters.planId),
  });
}

/** Where a period's or a statement's file is downloaded, headings in the UI language. */
export const periodExportHref = (periodId: string, language: string) =>
  `${BASE}/periods/${periodId}/export?format=xlsx&lang=${language === 'en' ? 'en' : 'zh-CN'}`;
export const statementExportHref = (
  periodId: string,
  payeeId: string,
  format: 'xlsx' | 'pdf',
  language: string,
) =>
  `${BASE}/periods/${periodId}/statements/${payeeId}/export?format=${format}&lang=${language === 'en' ? 'en' : 'zh-CN'}`;
