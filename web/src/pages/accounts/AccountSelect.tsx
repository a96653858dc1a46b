import { Select } from 'antd';
import { useDeferredValue, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccount, useAccounts } from './accounts.api.js';

/** Picks an active customer by searching the server; the current value's name is fetched when not in the results. */
export function AccountSelect(props: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  excludeId?: string;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const results = useAccounts({ q: q || undefined, limit: 20, offset: 0 });
  const current = useAccount(props.value);
  const options = useMemo(() => {
    const accounts = [...(results.data?.items ?? [])];
    if (current.data && !accounts.some((a) => a.id === current.data.id)) accounts.unshift(current.data);
    return accounts.filter((a) => a.id !== props.excludeId).map((a) => ({ value: a.id, label: a.legalName }));
  }, [results.data, current.data, props.excludeId]);

  return (
    <Select<string>
      id={props.id}
      style={props.style}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? null)}
      options={options}
      loading={results.isFetching}
      placeholder={props.placeholder ?? t('accounts.searchAccount')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={null}
    />
  );
}
