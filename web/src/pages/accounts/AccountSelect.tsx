import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types.js';
import { RemoteSelect, useSearchText, type RemoteSelectProps } from '../../components/RemoteSelect.js';
import { useAccount, useAccounts } from './accounts.api.js';

const accountLabel = (account: Account) => account.legalName;

/** Picks an active customer by searching the server; the current value's name is fetched when not in the results. */
export function AccountSelect(props: RemoteSelectProps) {
  const { t } = useTranslation();
  const [q, onSearch] = useSearchText();
  const results = useAccounts({ q, limit: 20, offset: 0 });
  const current = useAccount(props.value);
  return (
    <RemoteSelect
      {...props}
      results={results}
      current={current.data}
      onSearch={onSearch}
      label={accountLabel}
      placeholder={props.placeholder ?? t('accounts.searchAccount')}
    />
  );
}
