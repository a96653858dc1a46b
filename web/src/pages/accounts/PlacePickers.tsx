import { Cascader, TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useIndustries, useRegions } from './places.api.js';
import type { RegionNode } from './places.js';

interface PickerProps {
  value?: string | null | undefined;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

const REGION_FIELDS = { label: 'name', value: 'code', children: 'children' } as const;

/**
 * A region (GB/T 2260) in a cascader: province → city → district, any level may be chosen (a filter by a
 * province finds its cities' customers too). Typing searches names at every level.
 */
export function RegionCascader(props: PickerProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  return (
    <Cascader<RegionNode>
      id={props.id}
      aria-label={props['aria-label']}
      style={props.style}
      options={regions.data ?? []}
      fieldNames={REGION_FIELDS}
      loading={regions.isLoading}
      value={regions.index?.path(props.value) ?? []}
      onChange={(path) => props.onChange?.((path as string[] | undefined)?.at(-1) ?? null)}
      changeOnSelect
      allowClear
      expandTrigger="hover"
      showSearch={{
        filter: (input, path) => path.some((node) => node.name.includes(input.trim())),
        limit: 50,
      }}
      placeholder={props.placeholder ?? t('places.regionPlaceholder')}
      popupMatchSelectWidth={false}
      data-testid="region-cascader"
    />
  );
}

/**
 * An industry (GB/T 4754-2017) in the UI language, searchable by name or code. `sections`: a section may be
 * chosen too (filters); otherwise only divisions (a customer's industry).
 */
export function IndustrySelect(props: PickerProps & { sections?: boolean }) {
  const { t, i18n } = useTranslation();
  const industries = useIndustries();
  const treeData = useMemo(
    () => industries.index?.treeData(i18n.language, !!props.sections) ?? [],
    [industries.index, i18n.language, props.sections],
  );
  return (
    <TreeSelect<string>
      id={props.id}
      aria-label={props['aria-label']}
      style={props.style}
      treeData={treeData}
      loading={industries.isLoading}
      value={props.value ?? undefined}
      onChange={(code) => props.onChange?.(code ?? null)}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={props.placeholder ?? t('places.industryPlaceholder')}
      popupMatchSelectWidth={false}
      data-testid="industry-select"
    />
  );
}
