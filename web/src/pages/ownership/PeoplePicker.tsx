import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchText } from '../../components/RemoteSelect.js';
import { useTeams } from '../teams/teams.api.js';
import { useUsers } from '../users/users.api.js';

interface MultiProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  placeholder?: string;
}

/**
 * Several people, found by searching the server. Names of chosen people not in the current results show as
 * their id until searched; pool admins are few and chosen from the first page of active users.
 */
export function PeoplePicker(props: MultiProps) {
  const { t } = useTranslation();
  const [q, onSearch] = useSearchText();
  const users = useUsers({ q, status: 'active', limit: 50, offset: 0 });
  const options = useMemo(
    () => (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` })),
    [users.data],
  );
  return (
    <Select<string[]>
      id={props.id}
      mode="multiple"
      value={props.value ?? []}
      onChange={(value) => props.onChange?.(value)}
      options={options}
      loading={users.isFetching}
      placeholder={props.placeholder ?? t('users.searchUser')}
      showSearch={{ filterOption: false, onSearch }}
      popupMatchSelectWidth={false}
    />
  );
}

/** Several teams, by name. */
export function TeamsPicker(props: MultiProps) {
  const teams = useTeams();
  const options = useMemo(
    () => (teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
    [teams.data],
  );
  return (
    <Select<string[]>
      id={props.id}
      mode="multiple"
      value={props.value ?? []}
      onChange={(value) => props.onChange?.(value)}
      options={options}
      loading={teams.isLoading}
      placeholder={props.placeholder}
      optionFilterProp="label"
      popupMatchSelectWidth={false}
    />
  );
}
