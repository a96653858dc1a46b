import { Select } from 'antd';
import { useDeferredValue, useMemo, useState, type CSSProperties } from 'react';
import type { Page } from '../api/types.js';

/** What a form item or a filter passes to a picker of one item the server finds. */
export interface RemoteSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  excludeId?: string;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
}

/** The text typed into a RemoteSelect, trimmed and deferred, undefined when empty; and its setter. */
export function useSearchText(): [string | undefined, (text: string) => void] {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  return [q || undefined, setSearch];
}

/**
 * A Select over the server's search `results`; `current` (the value's item, fetched by the caller) is added
 * when it is not among them, so the value always shows its label.
 */
export function RemoteSelect<T extends { id: string }>(
  props: RemoteSelectProps & {
    results: { data?: Page<T> | undefined; isFetching: boolean };
    current: T | undefined;
    onSearch: (text: string) => void;
    label: (item: T) => string;
    popupMatchSelectWidth?: boolean;
  },
) {
  const { results, current, excludeId, label } = props;
  const options = useMemo(() => {
    const items = [...(results.data?.items ?? [])];
    if (current && !items.some((item) => item.id === current.id)) items.unshift(current);
    return items
      .filter((item) => item.id !== excludeId)
      .map((item) => ({ value: item.id, label: label(item) }));
  }, [results.data, current, excludeId, label]);

  return (
    <Select<string>
      id={props.id}
      style={props.style}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? null)}
      options={options}
      loading={results.isFetching}
      placeholder={props.placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: props.onSearch }}
      notFoundContent={null}
      popupMatchSelectWidth={props.popupMatchSelectWidth}
    />
  );
}
