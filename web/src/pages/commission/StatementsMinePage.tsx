import { RightOutlined } from '@ant-design/icons';
import { Card, Flex, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LoadFailed } from '../../components/LoadFailed.js';
import { PageHeader } from '../../components/PageHeader.js';
import { STATUS_COLORS, attainmentColor, attainmentText, formatMoney, periodLabel } from './statementView.js';
import { useMyStatements } from './statements.api.js';

/** A payee's own statements, newest first, once their periods are locked: a list made for a phone. */
export function StatementsMinePage() {
  const { t, i18n } = useTranslation();
  const mine = useMyStatements();
  if (mine.error) return <LoadFailed error={mine.error} backTo="/" backLabel={t('pages.home')} />;
  const items = [...(mine.data ?? [])].sort((a, b) => (a.periodStart < b.periodStart ? 1 : -1));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('statements.mine.title')} />
      <List
        loading={mine.isLoading}
        dataSource={items}
        split={false}
        locale={{ emptyText: t('statements.mine.empty') }}
        data-testid="my-statements"
        renderItem={(s) => {
          const status = s.status;
          return (
            <List.Item key={`${s.periodId}:${s.payeeId}`} style={{ paddingInline: 0 }}>
              <Link
                to={`/commission/periods/${s.periodId}/statements/${s.payeeId}`}
                style={{ width: '100%' }}
                data-testid="my-statement"
              >
                <Card size="small" hoverable>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Flex vertical gap={4} style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                        {`${periodLabel(s)} · ${s.plan.name}`}
                      </Typography.Text>
                      <Space size={4} wrap>
                        {status && (
                          <Tag color={STATUS_COLORS[status]}>{t(`statements.statuses.${status}`)}</Tag>
                        )}
                        <Tag color={attainmentColor(s.attainment)}>{attainmentText(s.attainment)}</Tag>
                        <Typography.Text>{formatMoney(s.payout, s.currency, i18n.language)}</Typography.Text>
                      </Space>
                    </Flex>
                    <RightOutlined />
                  </Flex>
                </Card>
              </Link>
            </List.Item>
          );
        }}
      />
    </Space>
  );
}
