import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Partner, PartnerDetail, ProductLine } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { RemoteSelect, useSearchText, type RemoteSelectProps } from '../../components/RemoteSelect.js';
import { useIndustries, useRegions } from '../accounts/places.api.js';
import { usePartners } from '../partners/partners.api.js';
import { provinceName, PROVINCE_TILES } from './provinceGrid.js';

/**
 * Names for the codes territories carry: partners by id, areas (GB/T 2260 codes in the standard's Chinese
 * below province level, provinces and countries in the UI language), industries and product lines.
 */

const partnerLabel = (p: Partner) => p.name;

/** The partners in the caller's sight by id (a partner's people: their own), for naming parties. */
export function usePartnerNames(): (id: string) => string {
  const { t } = useTranslation();
  const allowed = useCan('partners:read');
  const partners = useQuery({
    queryKey: ['partners', 'list', { limit: 200, offset: 0 }],
    queryFn: () =>
      api.get<{ items: Partner[]; total: number }>('/api/v1/partners', { limit: 200, offset: 0 }),
    enabled: allowed,
    staleTime: 60_000,
  });
  const names = useMemo(
    () => new Map((partners.data?.items ?? []).map((p) => [p.id, p.name])),
    [partners.data],
  );
  return useCallback(
    (id: string) => names.get(id) ?? t('territories.partner', { id: id.slice(0, 8) }),
    [names, t],
  );
}

/** Picks a partner by searching the server; the chosen one's name is fetched when not among the results. */
export function PartnerSelect(props: RemoteSelectProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  const [q, onSearch] = useSearchText();
  const results = usePartners({ q, limit: 20, offset: 0 });
  const current = useQuery({
    queryKey: ['partners', 'one', props.value],
    queryFn: () => api.get<PartnerDetail>(`/api/v1/partners/${props.value!}`),
    enabled: !!props.value,
  });
  return (
    <div data-testid={props['data-testid']}>
      <RemoteSelect<Partner>
        {...props}
        results={results}
        current={current.data}
        onSearch={onSearch}
        label={partnerLabel}
        placeholder={props.placeholder ?? t('territories.pickPartner')}
        popupMatchSelectWidth={false}
      />
    </div>
  );
}

const PROVINCES = new Map(PROVINCE_TILES.map((p) => [p.code, p]));

/** An area's name: a province or a country in the UI language, a city or district as the standard names it. */
export function useAreaLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const regions = useRegions();
  const language = i18n.language;
  const countries = useMemo(() => {
    try {
      return new Intl.DisplayNames([language], { type: 'region' });
    } catch {
      return null;
    }
  }, [language]);
  return useCallback(
    (code: string) => {
      if (/^[A-Z]{2}$/.test(code)) return countries?.of(code) ?? code;
      const province = PROVINCES.get(code);
      if (province) return provinceName(province, language);
      const path = regions.index?.path(code) ?? [];
      if (path.length === 0) return code;
      const top = PROVINCES.get(path[0]!);
      const rest = (regions.index?.label(code, ' / ') ?? '').split(' / ').slice(1);
      return [top ? provinceName(top, language) : path[0], ...rest].join(' / ');
    },
    [countries, regions.index, language],
  );
}

export function useIndustryLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const industries = useIndustries();
  return useCallback(
    (code: string) => {
      const name = industries.index?.name(code, i18n.language);
      return name ? `${code} ${name}` : code;
    },
    [industries.index, i18n.language],
  );
}

/** The catalogue's product lines, for those who may read it (partners may not). */
export function useCatalogueLines() {
  // The catalogue's own query key, so the products page and this share one copy.
  return useQuery({
    queryKey: ['products', 'lines'],
    queryFn: () => api.get<{ items: ProductLine[] }>('/api/v1/product-lines'),
    enabled: useCan('products:read'),
  });
}

/** Product lines by code in the UI language; the code alone for those without the catalogue (partners). */
export function useProductLineLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const lines = useCatalogueLines();
  const byCode = useMemo(() => new Map((lines.data?.items ?? []).map((l) => [l.code, l])), [lines.data]);
  return useCallback(
    (code: string) => {
      const line = byCode.get(code);
      return line ? (i18n.language === 'en' ? line.nameEn : line.nameZh) : code;
    },
    [byCode, i18n.language],
  );
}
