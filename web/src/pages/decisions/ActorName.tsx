import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/session.js';
import { useUser } from '../users/users.api.js';

/**
 * Who did something: "you", a name for readers who may read users, "another user" otherwise. The server
 * sends no id for the system or for someone the reader may not see.
 */
export function ActorName({ actorId }: { actorId: string | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const canReadUsers = useCan('users:read');
  const other = actorId !== null && actorId !== me.user.id;
  const user = useUser(other && canReadUsers ? actorId : null);
  if (actorId === null) return <Typography.Text type="secondary">{t('decisions.system')}</Typography.Text>;
  if (!other) return <>{t('decisions.you')}</>;
  if (!canReadUsers) return <>{t('decisions.someone')}</>;
  return <>{user.data?.displayName ?? '…'}</>;
}
