import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { useAccount } from './accounts.api.js';
import { loose } from '../../i18n/errorText.js';

/** A link to a customer by id, showing its name once loaded (merged and archived ones too). */
export function AccountLink({ id }: { id: string }) {
  const account = useAccount(id);
  return (
    <Link to={`/accounts/${id}`} style={{ wordBreak: 'break-word' }}>
      {account.data?.legalName ?? <Typography.Text code>{id.slice(0, 8)}</Typography.Text>}
    </Link>
  );
}

/** The label of an account field by its API name (parentId → "Parent account"). */
export function accountFieldLabel(t: TFunction, field: string): string {
  const key = field === 'parentId' ? 'parent' : field;
  return loose(t)(`accounts.${key}`, { defaultValue: field });
}
