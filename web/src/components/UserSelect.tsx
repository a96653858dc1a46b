import { useTranslation } from 'react-i18next';
import type { User } from '../api/types.js';
import { useUser, useUsers } from '../pages/users/users.api.js';
import { RemoteSelect, useSearchText, type RemoteSelectProps } from './RemoteSelect.js';

const userLabel = (user: User) => `${user.displayName} (${user.login})`;

/** Picks a user by searching the server; the current value's name is fetched when it is not in the results. */
export function UserSelect(props: RemoteSelectProps) {
  const { t } = useTranslation();
  const [q, onSearch] = useSearchText();
  const results = useUsers({ q, limit: 20, offset: 0 });
  const current = useUser(props.value);
  return (
    <RemoteSelect
      {...props}
      results={results}
      current={current.data}
      onSearch={onSearch}
      label={userLabel}
      placeholder={props.placeholder ?? t('users.searchUser')}
      popupMatchSelectWidth={false}
    />
  );
}
