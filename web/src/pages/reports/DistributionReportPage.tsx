import {
  Alert,
  Card,
  Descriptions,
  Empty,
  Grid,
  List,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistributionReport, DistributionRow } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { errorText } from '../../i18n/errorText.js';
import { useMe } from '../../app/session.js';
import { RangeFilter } from './RangeFilter.js';
import { useDistributionReport, type Range } from './reports.api.js';

const COUNTS = ['received', 'claimed', 'released', 'recovered', 'held'] as const;

/** The published distribution report (公开透明): every person's counts and the rules that drove them. */
export function DistributionReportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [range, setRange] = useState<Range>({});
  const report = useDistributionReport(range);
  const data = report.data;
  // The team column shows from a tablet up; the totals row spans it there.
  const narrow = Grid.useBreakpoint().md === false;

  const columns: TableColumnsType<DistributionRow> = [
    {
      key: 'person',
      title: t('reports.distribution.person'),
      render: (_, r) => (r.userId === me.user.id ? <strong>{r.displayName}</strong> : r.displayName),
    },
    {
      key: 'team',
      title: t('reports.distribution.team'),
      responsive: SECONDARY,
      render: (_, r) => r.teamName ?? '—',
    },
    ...COUNTS.map((k) => ({
      key: k,
      dataIndex: k,
      title: t(`reports.distribution.${k}`),
      align: 'right' as const,
    })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('reports.distribution.title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('reports.distribution.intro')}
      </Typography.Paragraph>
      <RangeFilter range={range} shown={data} onChange={setRange} />
      {report.error && <Alert type="error" showIcon title={errorText(t, report.error)} />}
      <Table<DistributionRow>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={report.isFetching}
        pagination={false}
        data-testid="distribution-table"
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={narrow ? 1 : 2}>
                <strong>{t('reports.distribution.total')}</strong>
              </Table.Summary.Cell>
              {COUNTS.map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 2} align="right">
                  {data.totals[k]}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      {data && <RulesInForce report={data} />}
    </Space>
  );
}

function RulesInForce({ report }: { report: DistributionReport }) {
  const { t } = useTranslation();
  const limit = (n: number | null) => (n === null ? t('reports.distribution.unlimited') : String(n));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('reports.distribution.rules')}
      </Typography.Title>
      {report.pools.map((p) => (
        <Card key={p.poolId} size="small" title={<span style={{ whiteSpace: 'normal' }}>{p.name}</span>}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            items={[
              { key: 'day', label: t('reports.distribution.claimsPerDay'), children: limit(p.claimsPerDay) },
              { key: 'owned', label: t('reports.distribution.maxOwned'), children: limit(p.maxOwned) },
              {
                key: 'cool',
                label: t('reports.distribution.cooldown'),
                children: t('reports.distribution.days', { count: p.cooldownDays }),
              },
              {
                key: 'embargo',
                label: t('reports.distribution.embargo'),
                children: t('reports.distribution.hours', { count: p.embargoHours }),
              },
            ]}
          />
        </Card>
      ))}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('reports.distribution.recoveryRules')}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={report.recoveryRules}
        locale={{ emptyText: <Empty description={t('reports.distribution.noRules')} /> }}
        data-testid="recovery-rules"
        renderItem={(r) => (
          <List.Item>
            <Typography.Text style={{ wordBreak: 'break-word' }}>
              <strong>{r.name}</strong> — {t(`reports.distribution.triggers.${r.trigger}`, { days: r.days })}{' '}
              → {r.poolName}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Space>
  );
}
