import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { ChannelReport, DistributionReport, Kpis, OverlapReport } from '../../api/types.js';

export const reportsKey = ['reports'] as const;

/** A window of organisation-local dates; absent ends are the server's (the last 30 days up to today). */
export interface Range {
  from?: string;
  to?: string;
}

export function useDistributionReport(range: Range) {
  return useQuery({
    queryKey: [...reportsKey, 'distribution', range],
    queryFn: () => api.get<DistributionReport>('/api/v1/reports/distribution', { ...range }),
    placeholderData: keepPreviousData,
  });
}

export function useOverlapReport(range: Range, enabled = true) {
  return useQuery({
    queryKey: [...reportsKey, 'overlap', range],
    queryFn: () => api.get<OverlapReport>('/api/v1/reports/overlap', { ...range }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useKpis() {
  return useQuery({
    queryKey: [...reportsKey, 'kpis'],
    queryFn: () => api.get<Kpis>('/api/v1/reports/kpis'),
  });
}

/** The channel report's filters: the window, and one partner or one tier. */
export interface ChannelFilter extends Range {
  partnerId?: string;
  tierId?: string;
}

export function useChannelReport(filter: ChannelFilter) {
  return useQuery({
    queryKey: [...reportsKey, 'channel', filter],
    queryFn: () => api.get<ChannelReport>('/api/v1/reports/channel', { ...filter }),
    placeholderData: keepPreviousData,
  });
}
