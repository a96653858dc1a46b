import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OverlapAlert } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useOverlapAlerts } from './activities.api.js';

/** Concurrent quotes (重复报价): two parties quoting one customer or group over the same dates. */
export function OverlapsPage() {
  const { t, i18n } = useTranslation();
  const [paging, setPaging] = useState({ limit: 20, offset: 0 });
  const alerts = useOverlapAlerts(paging);

  const side = (s: OverlapAlert['quote'], label: string) => (
    <Flex vertical gap={0} style={{ wordBreak: 'break-word' }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text>
        {s.account ? (
          <Link to={`/accounts/${s.account.id}`}>{s.account.legalName}</Link>
        ) : (
          t('overlaps.hidden')
        )}
      </Typography.Text>
      <Typography.Text type="secondary">
        {s.byPartner ? t('quotes.partner') : (s.team?.name ?? t('overlaps.noTeam'))}
      </Typography.Text>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('overlaps.title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('overlaps.intro')}
      </Typography.Paragraph>
      {alerts.error && <Typography.Text type="danger">{errorText(t, alerts.error)}</Typography.Text>}
      <List<OverlapAlert>
        loading={alerts.isPending}
        dataSource={alerts.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('overlaps.empty')} /> }}
        pagination={
          (alerts.data?.total ?? 0) > paging.limit
            ? {
                current: Math.floor(paging.offset / paging.limit) + 1,
                pageSize: paging.limit,
                total: alerts.data?.total ?? 0,
                onChange: (page, size) => setPaging({ limit: size, offset: (page - 1) * size }),
                showTotal: (count) => t('common.total', { count }),
              }
            : false
        }
        renderItem={(a) => (
          <List.Item key={a.id}>
            <Card size="small" style={{ width: '100%' }} data-testid="overlap-alert">
              <Flex vertical gap={8}>
                <Flex gap={8} wrap align="center">
                  <Tag color="volcano">
                    {a.sameAccount ? t('overlaps.sameAccount') : t('overlaps.sameGroup')}
                  </Tag>
                  <Typography.Text>
                    {t('overlaps.window')}: {a.window.from} – {a.window.until}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {formatDateTime(a.createdAt, i18n.language)}
                  </Typography.Text>
                </Flex>
                <Flex gap={16} wrap>
                  {side(a.quote, t('overlaps.quote'))}
                  {side(a.other, t('overlaps.other'))}
                </Flex>
              </Flex>
            </Card>
          </List.Item>
        )}
      />
    </Flex>
  );
}
