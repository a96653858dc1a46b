import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client.js';
import type {
  CreateFollowUpBody,
  CreateOpportunityBody,
  CreateProductBody,
  CreateProductLineBody,
  CreateQuoteBody,
  FollowUp,
  FollowUpPage,
  Opportunity,
  OpportunityStatus,
  OverlapAlert,
  Page,
  Product,
  ProductLine,
  Quote,
  SentQuote,
  UpdateOpportunityBody,
  UpdateProductBody,
} from '../../api/types.js';

const followUpsKey = ['follow-ups'] as const;
const opportunitiesKey = ['opportunities'] as const;
const quotesKey = ['quotes'] as const;
const productsKey = ['products'] as const;
const overlapsKey = ['overlap-alerts'] as const;

export function useFollowUps(accountId: string) {
  return useQuery({
    queryKey: [...followUpsKey, accountId],
    queryFn: () => api.get<FollowUpPage>(`/api/v1/accounts/${accountId}/follow-ups`, { limit: 100 }),
  });
}

export function useLogFollowUp(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFollowUpBody) =>
      api.post<FollowUp>(`/api/v1/accounts/${accountId}/follow-ups`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...followUpsKey, accountId] }),
  });
}

export interface OpportunityFilters {
  accountId?: string | undefined;
  status?: OpportunityStatus | undefined;
  mine?: boolean | undefined;
  limit: number;
  offset: number;
}

export function useOpportunities(filters: OpportunityFilters) {
  return useQuery({
    queryKey: [...opportunitiesKey, 'list', filters],
    queryFn: () => api.get<Page<Opportunity>>('/api/v1/opportunities', filters as unknown as Query),
    placeholderData: keepPreviousData,
  });
}

export function useOpportunity(id: string) {
  return useQuery({
    queryKey: [...opportunitiesKey, 'one', id],
    queryFn: () => api.get<Opportunity>(`/api/v1/opportunities/${id}`),
  });
}

export function useOpportunityMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: opportunitiesKey });
  return {
    create: useMutation({
      mutationFn: (body: CreateOpportunityBody) => api.post<Opportunity>('/api/v1/opportunities', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateOpportunityBody }) =>
        api.patch<Opportunity>(`/api/v1/opportunities/${id}`, body),
      onSuccess,
    }),
    won: useMutation({
      mutationFn: (id: string) => api.post<Opportunity>(`/api/v1/opportunities/${id}/won`, {}),
      onSuccess,
    }),
    lost: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api.post<Opportunity>(`/api/v1/opportunities/${id}/lost`, { reason }),
      onSuccess,
    }),
  };
}

export function useQuotes(opportunityId: string) {
  return useQuery({
    queryKey: [...quotesKey, opportunityId],
    queryFn: () => api.get<Page<Quote>>('/api/v1/quotes', { opportunityId, limit: 100 }),
  });
}

export function useQuoteMutations() {
  const client = useQueryClient();
  const onSuccess = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: quotesKey }),
      client.invalidateQueries({ queryKey: overlapsKey }),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: CreateQuoteBody) => api.post<Quote>('/api/v1/quotes', body),
      onSuccess,
    }),
    send: useMutation({
      mutationFn: (id: string) => api.post<SentQuote>(`/api/v1/quotes/${id}/send`, {}),
      onSuccess,
    }),
    decide: useMutation({
      mutationFn: ({ id, outcome }: { id: string; outcome: 'accept' | 'reject' }) =>
        api.post<Quote>(`/api/v1/quotes/${id}/${outcome}`, {}),
      onSuccess,
    }),
  };
}

export function useProductLines() {
  return useQuery({
    queryKey: [...productsKey, 'lines'],
    queryFn: () => api.get<{ items: ProductLine[] }>('/api/v1/product-lines'),
  });
}

export function useProducts(filters: { active?: boolean; limit: number; offset: number }) {
  return useQuery({
    queryKey: [...productsKey, 'list', filters],
    queryFn: () => api.get<Page<Product>>('/api/v1/products', filters),
    placeholderData: keepPreviousData,
  });
}

export function useProductMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: productsKey });
  return {
    createLine: useMutation({
      mutationFn: (body: CreateProductLineBody) => api.post<ProductLine>('/api/v1/product-lines', body),
      onSuccess,
    }),
    create: useMutation({
      mutationFn: (body: CreateProductBody) => api.post<Product>('/api/v1/products', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateProductBody }) =>
        api.patch<Product>(`/api/v1/products/${id}`, body),
      onSuccess,
    }),
  };
}

export function useOverlapAlerts(paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...overlapsKey, paging],
    queryFn: () => api.get<Page<OverlapAlert>>('/api/v1/overlap-alerts', paging),
    placeholderData: keepPreviousData,
  });
}
