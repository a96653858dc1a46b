import { Select } from 'antd';
import { useDeferredValue, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser, useUsers } from '../pages/users/users.api.js';

/** Picks a user by searching the server; the current value's name is fetched when it is not in the results. */
export function UserSelect(props: {
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
  const results = useUsers({ q: q || undefined, limit: 20, offset: 0 });
  const current = useUser(props.value);
  const options = useMemo(() => {
    const users = [...(results.data?.items ?? [])];
    if (current.data && !users.some((u) => u.id === current.data.id)) users.unshift(current.data);
    return users
      .filter((u) => u.id !== props.excludeId)
      .map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` }));
  }, [results.data, current.data, props.excludeId]);

  return (
    <Select<string>
      id={props.id}
      style={props.style}
      value={props.value ?? undefined}
      onChange={(value) => props.onChange?.(value ?? null)}
      options={options}
      loading={results.isFetching}
      placeholder={props.placeholder ?? t('users.searchUser')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={null}
      popupMatchSelectWidth={false}
    />
  );
}
