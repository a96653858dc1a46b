import {
  Alert,
  Col,
  Empty,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OverlapReport } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { errorText } from '../../i18n/errorText.js';
import { overlapRateOption } from './charts.js';
import { EChart } from './EChart.js';
import { RangeFilter } from './RangeFilter.js';
import { useOverlapReport, type Range } from './reports.api.js';

type OverlapAccount = OverlapReport['accounts'][number];
export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** Customers in the caller's view touched by more than one party, and the overlap rate per week. */
export function OverlapReportPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<Range>({});
  const report = useOverlapReport(range);
  const data = report.data;
  const option = useMemo(
    () => overlapRateOption(data?.weeks ?? [], t('reports.overlap.rate')),
    [data?.weeks, t],
  );

  const columns: TableColumnsType<OverlapAccount> = [
    {
      key: 'customer',
      title: t('reports.overlap.customer'),
      render: (_, a) => (
        <Link to={`/accounts/${a.id}`} style={{ wordBreak: 'break-word' }}>
          {a.legalName}
        </Link>
      ),
    },
    {
      key: 'reasons',
      title: t('reports.overlap.reasons'),
      render: (_, a) =>
        a.reasons.map((r) => (
          <Tag key={r} style={{ whiteSpace: 'normal', marginBottom: 4 }}>
            {t(`reports.overlap.reason.${r}`)}
          </Tag>
        )),
    },
    {
      key: 'events',
      dataIndex: 'events',
      title: t('reports.overlap.events'),
      responsive: SECONDARY,
      align: 'right',
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('reports.overlap.title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('reports.overlap.intro')}
      </Typography.Paragraph>
      <RangeFilter range={range} shown={data} onChange={setRange} />
      {report.error && <Alert type="error" showIcon title={errorText(t, report.error)} />}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={8}>
            <Statistic title={t('reports.overlap.rate')} value={percent(data.rate)} />
          </Col>
          <Col xs={8}>
            <Statistic title={t('reports.overlap.overlapping')} value={data.overlapping} />
          </Col>
          <Col xs={8}>
            <Statistic title={t('reports.overlap.active')} value={data.active} />
          </Col>
        </Row>
      )}
      <EChart option={option} testId="overlap-chart" />
      <Table<OverlapAccount>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.accounts ?? []}
        loading={report.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('reports.overlap.empty')} /> }}
        data-testid="overlap-table"
      />
    </Space>
  );
}
