import { Cascader, Flex, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../accounts/places.api.js';
import type { RegionNode } from '../accounts/places.js';

const REGION_FIELDS = { label: 'name', value: 'code', children: 'children' } as const;
const GBT = /^\d{6}$/;
/** Countries a channel commonly sells into; any other ISO 3166 code may be typed. */
const SUGGESTED = ['CN', 'SG', 'MY', 'TH', 'VN', 'ID', 'PH', 'JP', 'KR', 'AE', 'SA', 'DE', 'GB', 'US'];

/**
 * A territory's areas: GB/T 2260 regions (whole provinces, cities or districts, ticked in a cascader) and ISO
 * 3166 countries (picked or typed). One value, the codes as the API takes them.
 */
export function AreasPicker(props: { value?: string[]; onChange?: (codes: string[]) => void; id?: string }) {
  const { t, i18n } = useTranslation();
  const regions = useRegions();
  const value = props.value ?? [];
  const codes = value.filter((c) => GBT.test(c));
  const countries = value.filter((c) => !GBT.test(c));
  const names = useMemo(() => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: 'region' });
    } catch {
      return null;
    }
  }, [i18n.language]);
  return (
    <Flex vertical gap={8} id={props.id}>
      <Cascader<RegionNode, 'code'>
        multiple
        aria-label={t('territories.regions')}
        options={regions.data ?? []}
        fieldNames={REGION_FIELDS}
        loading={regions.isLoading}
        value={codes.map((c) => {
          const path = regions.index?.path(c);
          return path?.length ? path : [c];
        })}
        onChange={(paths) =>
          props.onChange?.([...(paths as string[][]).map((p) => p.at(-1)!).filter(Boolean), ...countries])
        }
        showCheckedStrategy={Cascader.SHOW_PARENT}
        showSearch={{
          filter: (input, path) => path.some((node) => node.name.includes(input.trim())),
          limit: 50,
        }}
        maxTagCount="responsive"
        placeholder={t('territories.regionsPlaceholder')}
        popupMatchSelectWidth={false}
        data-testid="areas-regions"
        style={{ width: '100%' }}
      />
      <Select<string[]>
        mode="tags"
        aria-label={t('territories.countries')}
        value={countries}
        onChange={(next) =>
          props.onChange?.([...codes, ...next.map((c) => c.trim().toUpperCase()).filter(Boolean)])
        }
        tokenSeparators={[',', ' ', '，']}
        options={SUGGESTED.map((c) => ({ value: c, label: `${c} ${names?.of(c) ?? ''}`.trim() }))}
        placeholder={t('territories.countriesPlaceholder')}
        style={{ width: '100%' }}
      />
    </Flex>
  );
}
