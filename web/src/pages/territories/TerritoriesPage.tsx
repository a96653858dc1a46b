import { Alert, Empty, Flex, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { usePartnerNames } from './parties.js';
import { useActiveMap } from './territories.api.js';
import { TerritoryTabs } from './TerritoryTabs.js';
import { TerritoryTree } from './TerritoryTree.js';

/** The active territory model as a tree, with the authorisations the caller may see on each node. */
export function TerritoriesPage() {
  const { t, i18n } = useTranslation();
  const map = useActiveMap();
  const partnerName = usePartnerNames();
  const manage = useCan('territories:manage');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TerritoryTabs active="tree" />
      {map.isPending && <Spin />}
      {map.isError && <Alert type="error" title={errorText(t, map.error)} />}
      {map.data && !map.data.model && (
        <Empty description={t('territories.noModel')}>
          {manage && <Link to="/territories/models">{t('territories.tabs.models')}</Link>}
        </Empty>
      )}
      {map.data?.model && (
        <>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong data-testid="active-model">
              {map.data.model.name}
            </Typography.Text>
            <Tag color="green">{t('territories.status.active')}</Tag>
            {map.data.model.activatedAt && (
              <Typography.Text type="secondary">
                {t('territories.activatedAt', {
                  when: formatDateTime(map.data.model.activatedAt, i18n.language),
                })}
              </Typography.Text>
            )}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('territories.intro')}
          </Typography.Paragraph>
          <TerritoryTree map={map.data} partnerName={partnerName} />
        </>
      )}
    </Space>
  );
}
