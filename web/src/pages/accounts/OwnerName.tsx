import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.js';
import { useUser } from '../users/users.api.js';

/** Who owns a customer: a name for callers who may read users, else the fact that someone does. */
export function OwnerName({ ownerId }: { ownerId: string | null }) {
  const { t } = useTranslation();
  const canReadUsers = useCan('users:read');
  const user = useUser(canReadUsers ? ownerId : null);
  if (!ownerId) return <Typography.Text type="secondary">{t('accounts.pool')}</Typography.Text>;
  if (!canReadUsers) return <Typography.Text type="secondary">—</Typography.Text>;
  return <>{user.data?.displayName ?? '…'}</>;
}
