import { Alert, Card, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TerritoryComparison } from '../../api/types.js';
import { errorText } from '../../i18n/errorText.js';
import { useAreaLabel, useIndustryLabel, useProductLineLabel } from './parties.js';

type Cell = TerritoryComparison['parties'][number]['gained'][number];

function CellText({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  const area = useAreaLabel();
  const industry = useIndustryLabel();
  const line = useProductLineLabel();
  return (
    <Typography.Text style={{ wordBreak: 'break-word' }}>
      {cell.effect === 'exclude' && <Tag color="red">{t('territories.effect.exclude')}</Tag>}
      {area(cell.regionCode)} ·{' '}
      {cell.industryCode ? industry(cell.industryCode) : t('territories.everyIndustry')} ·{' '}
      {cell.productLineCode ? line(cell.productLineCode) : t('territories.everyLine')}
    </Typography.Text>
  );
}

/**
 * What activating a draft would change, as the server computed it: each party's gained and lost cells, and
 * the partners' customers that would fall outside their partner's territory.
 */
export function ComparisonView(props: {
  comparison: { data?: TerritoryComparison | undefined; isPending: boolean; error: unknown };
  partnerName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const area = useAreaLabel();
  const { data } = props.comparison;
  if (props.comparison.error) return <Alert type="error" title={errorText(t, props.comparison.error)} />;
  if (props.comparison.isPending || !data) return <Spin />;
  return (
    <Flex vertical gap={12} data-testid="comparison">
      <Typography.Text type="secondary">
        {data.activeId ? t('territories.comparedOn', { date: data.date }) : t('territories.comparedWithNone')}
      </Typography.Text>
      {data.parties.length === 0 && <Empty description={t('territories.noChanges')} />}
      {data.parties.map((p) => {
        const key = p.party.partnerId ?? p.party.teamId ?? '';
        return (
          <Card
            size="small"
            key={key}
            data-testid="comparison-party"
            title={
              <Typography.Text strong style={{ wordBreak: 'break-word', whiteSpace: 'normal' }}>
                {p.party.partnerId
                  ? props.partnerName(p.party.partnerId)
                  : t('territories.team', { name: p.party.teamId ?? '' })}
              </Typography.Text>
            }
          >
            {p.gained.length > 0 && (
              <>
                <Tag color="green">{t('territories.gained')}</Tag>
                <List
                  size="small"
                  dataSource={p.gained}
                  renderItem={(cell, i) => (
                    <List.Item key={i}>
                      <CellText cell={cell} />
                    </List.Item>
                  )}
                />
              </>
            )}
            {p.lost.length > 0 && (
              <>
                <Tag color="orange">{t('territories.lost')}</Tag>
                <List
                  size="small"
                  dataSource={p.lost}
                  renderItem={(cell, i) => (
                    <List.Item key={i}>
                      <CellText cell={cell} />
                    </List.Item>
                  )}
                />
              </>
            )}
          </Card>
        );
      })}
      <Typography.Text strong data-testid="customers-outside">
        {t('territories.customersOutside', {
          count: data.customers.fallingOutside,
          checked: data.customers.checked,
        })}
      </Typography.Text>
      {data.customers.items.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={data.customers.items}
          renderItem={(c) => (
            <List.Item key={c.accountId}>
              <Flex vertical style={{ minWidth: 0 }}>
                <Link to={`/accounts/${c.accountId}`} style={{ wordBreak: 'break-word' }}>
                  {c.legalName}
                </Link>
                <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                  {props.partnerName(c.partnerId)} · {area(c.regionCode)}{' '}
                  <Tag color={c.insideNow ? 'orange' : 'default'}>
                    {c.insideNow ? t('territories.insideNow') : t('territories.outsideNow')}
                  </Tag>
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
