import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.js';
import { RegistrationRulesCard } from '../registrations/RegistrationRulesCard.js';
import { TierSettingsCard } from './TierSettingsCard.js';

/** The channel console's rules: the organisation's registration rules and the partner tiers. */
export function ChannelSettingsPage() {
  const { t } = useTranslation();
  const canReview = useCan('registrations:review');
  const canConfigure = useCan('partners:configure');
  const canSeePartners = useCan('partners:read');
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('channelSettings.title')}
      </Typography.Title>
      <RegistrationRulesCard canWrite={canReview} />
      {canSeePartners && <TierSettingsCard canWrite={canConfigure} />}
    </Flex>
  );
}
