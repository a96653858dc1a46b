import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client.js';
import { IndustryIndex, RegionIndex, type IndustrySection, type RegionNode } from './places.js';

/**
 * The region and industry trees, fetched once per session: they change with a new release of the standard,
 * never while someone works (staleTime Infinity), and every picker and label shares the one copy.
 */
export function useRegions() {
  const query = useQuery({
    queryKey: ['reference', 'regions'],
    queryFn: async () => (await api.get<{ items: RegionNode[] }>('/api/v1/regions')).items,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const index = useMemo(() => (query.data ? new RegionIndex(query.data) : null), [query.data]);
  return { ...query, index };
}

export function useIndustries() {
  const query = useQuery({
    queryKey: ['reference', 'industries'],
    queryFn: async () => (await api.get<{ items: IndustrySection[] }>('/api/v1/industries')).items,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const index = useMemo(() => (query.data ? new IndustryIndex(query.data) : null), [query.data]);
  return { ...query, index };
}
