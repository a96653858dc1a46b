import {
  Alert,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.js';
import type {
  ChannelConflictReason,
  ChannelReport,
  ChannelScorecard,
  PartnerDetail,
} from '../../api/types.js';
import { useMe } from '../../app/session.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RemoteSelect, useSearchText } from '../../components/RemoteSelect.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { errorText } from '../../i18n/errorText.js';
import { partnersKey, usePartners, usePartnerTiers } from '../partners/partners.api.js';
import { channelStatusOption } from './charts.js';
import { EChart } from './EChart.js';
import { RangeFilter } from './RangeFilter.js';
import { useChannelReport, type ChannelFilter } from './reports.api.js';

type Ratio = ChannelScorecard['winRate'];
type Amounts = ChannelScorecard['registered'];

/** A rate as a percentage with two decimals ("66.67%"), from the server's four-place decimal string. */
export const ratePercent = (ratio: Ratio) =>
  ratio.rate === null ? '—' : `${(Number(ratio.rate) * 100).toFixed(2)}%`;
const hours = (value: number | null) => (value === null ? '—' : String(value));
const amountText = (amounts: Amounts) =>
  amounts.length === 0 ? '—' : amounts.map((a) => `${a.currency} ${a.amount}`).join(' · ');
/** Sorts by a rate; partners without one (nothing to divide) come last either way up. */
const byRate = (pick: (s: ChannelScorecard) => Ratio) => (a: ChannelScorecard, b: ChannelScorecard) =>
  Number(pick(a).rate ?? -1) - Number(pick(b).rate ?? -1);

/** A partner picker over the partners in the caller's sight. */
function PartnerFilter(props: { value?: string; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useSearchText();
  const results = usePartners({ q, limit: 20, offset: 0 });
  const current = useQuery({
    queryKey: [...partnersKey, 'one', props.value],
    queryFn: () => api.get<PartnerDetail>(`/api/v1/partners/${props.value}`),
    enabled: !!props.value,
  });
  return (
    <RemoteSelect
      value={props.value ?? null}
      onChange={(id) => props.onChange(id ?? undefined)}
      results={results}
      current={props.value ? current.data : undefined}
      onSearch={setQ}
      label={(p) => p.name}
      placeholder={t('reports.channel.allPartners')}
      style={{ minWidth: 200, maxWidth: '100%' }}
    />
  );
}

/**
 * The channel report: deal registrations submitted in the period, per partner and status, with approval
 * time, conflict, approval and win rates, and a scorecard per partner. Channel staff see every partner
 * and may narrow to one partner or tier; a partner's people see their own partner only.
 */
export function ChannelReportPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const partnerScope = me.scope === 'partner';
  const [filter, setFilter] = useState<ChannelFilter>({});
  const report = useChannelReport(filter);
  const tiers = usePartnerTiers();
  const data = report.data;
  const option = useMemo(
    () => channelStatusOption((data?.partners ?? []).slice(0, 20), (s) => t(`registrations.statuses.${s}`)),
    [data?.partners, t],
  );
  const tierName = (tier: ChannelScorecard['tier']) => (i18n.language === 'en' ? tier.nameEn : tier.nameZh);

  const columns: TableColumnsType<ChannelScorecard> = [
    {
      key: 'partner',
      title: t('reports.channel.partner'),
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (_, s) => (
        <Link to={`/partners/${s.partnerId}`} style={{ wordBreak: 'break-word' }}>
          {s.name}
        </Link>
      ),
    },
    {
      key: 'tier',
      title: t('reports.channel.tier'),
      responsive: SECONDARY,
      render: (_, s) => tierName(s.tier),
    },
    {
      key: 'submitted',
      dataIndex: 'submitted',
      title: t('reports.channel.submitted'),
      align: 'right',
      sorter: (a, b) => a.submitted - b.submitted,
      defaultSortOrder: 'descend',
    },
    {
      key: 'approved',
      dataIndex: 'approved',
      title: t('reports.channel.approved'),
      align: 'right',
      responsive: SECONDARY,
      sorter: (a, b) => a.approved - b.approved,
    },
    {
      key: 'rejected',
      dataIndex: 'rejected',
      title: t('reports.channel.rejected'),
      align: 'right',
      responsive: SECONDARY,
      sorter: (a, b) => a.rejected - b.rejected,
    },
    {
      key: 'approvalRate',
      title: t('reports.channel.approvalRate'),
      align: 'right',
      responsive: SECONDARY,
      sorter: byRate((s) => s.approvalRate),
      render: (_, s) => ratePercent(s.approvalRate),
    },
    {
      key: 'wonLost',
      title: t('reports.channel.wonLost'),
      align: 'right',
      responsive: SECONDARY,
      sorter: (a, b) => a.won - b.won,
      render: (_, s) => `${s.won} / ${s.lost}`,
    },
    {
      key: 'winRate',
      title: t('reports.channel.winRate'),
      align: 'right',
      sorter: byRate((s) => s.winRate),
      render: (_, s) => ratePercent(s.winRate),
    },
    {
      key: 'conflictRate',
      title: t('reports.channel.conflictRate'),
      align: 'right',
      sorter: byRate((s) => s.conflictRate),
      render: (_, s) => ratePercent(s.conflictRate),
    },
    {
      key: 'median',
      title: t('reports.channel.medianHours'),
      align: 'right',
      responsive: SECONDARY,
      sorter: (a, b) => (a.approvalTime.medianHours ?? -1) - (b.approvalTime.medianHours ?? -1),
      render: (_, s) => hours(s.approvalTime.medianHours),
    },
    {
      key: 'registered',
      title: t('reports.channel.registered'),
      responsive: SECONDARY,
      render: (_, s) => amountText(s.registered),
    },
    {
      key: 'wonAmount',
      title: t('reports.channel.wonAmount'),
      responsive: SECONDARY,
      render: (_, s) => amountText(s.wonAmount),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('reports.channel.title')}>
        <ExportButton
          sources={[{ key: 'channel', path: '/api/v1/exports/channel', query: { ...filter } }]}
          disabled={!data}
        />
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(partnerScope ? 'reports.channel.introPartner' : 'reports.channel.intro')}
      </Typography.Paragraph>
      <Flex wrap gap={8} align="center">
        <RangeFilter
          range={filter}
          shown={data}
          onChange={(range) => setFilter((f) => ({ ...f, from: range.from, to: range.to }))}
        />
        {!partnerScope && (
          <>
            <Select<string>
              allowClear
              value={filter.tierId}
              onChange={(tierId) => setFilter((f) => ({ ...f, tierId }))}
              placeholder={t('reports.channel.allTiers')}
              options={(tiers.data?.items ?? []).map((tier) => ({
                value: tier.id,
                label: i18n.language === 'en' ? tier.nameEn : tier.nameZh,
              }))}
              style={{ minWidth: 140 }}
              data-testid="channel-tier"
            />
            <PartnerFilter
              value={filter.partnerId}
              onChange={(partnerId) => setFilter((f) => ({ ...f, partnerId }))}
            />
          </>
        )}
      </Flex>
      {report.error && <Alert type="error" showIcon title={errorText(t, report.error)} />}
      {data && <Totals totals={data.totals} />}
      <EChart
        option={option}
        height={Math.max(160, 64 + Math.min(data?.partners.length ?? 0, 20) * 28)}
        testId="channel-chart"
      />
      <Table<ChannelScorecard>
        rowKey="partnerId"
        size="small"
        columns={columns}
        dataSource={data?.partners ?? []}
        loading={report.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('reports.channel.empty')} /> }}
        data-testid="channel-table"
      />
    </Space>
  );
}

/** The headline figures: counts, the three rates with what they divide, approval time, conflicts by reason. */
function Totals(props: { totals: ChannelReport['totals'] }) {
  const { t } = useTranslation();
  const totals = props.totals;
  const of = (ratio: Ratio) => t('reports.channel.ratio', { part: ratio.part, whole: ratio.whole });
  const reasons = (Object.entries(totals.conflictsByReason) as [ChannelConflictReason, number][]).filter(
    ([, n]) => n > 0,
  );
  return (
    <>
      <Row gutter={[16, 16]} data-testid="channel-totals">
        <Col xs={12} sm={8} lg={4}>
          <Statistic title={t('reports.channel.submitted')} value={totals.submitted} />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic
            title={t('reports.channel.approvalRate')}
            value={ratePercent(totals.approvalRate)}
            suffix={<Typography.Text type="secondary">{of(totals.approvalRate)}</Typography.Text>}
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic
            title={t('reports.channel.conflictRate')}
            value={ratePercent(totals.conflictRate)}
            suffix={<Typography.Text type="secondary">{of(totals.conflictRate)}</Typography.Text>}
            data-testid="channel-conflict-rate"
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic
            title={t('reports.channel.winRate')}
            value={ratePercent(totals.winRate)}
            suffix={<Typography.Text type="secondary">{of(totals.winRate)}</Typography.Text>}
            data-testid="channel-win-rate"
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic
            title={t('reports.channel.medianHours')}
            value={hours(totals.approvalTime.medianHours)}
            data-testid="channel-median"
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title={t('reports.channel.p90Hours')} value={hours(totals.approvalTime.p90Hours)} />
        </Col>
      </Row>
      <Typography.Text type="secondary">
        {t('reports.channel.decided', { count: totals.approvalTime.decided })}
      </Typography.Text>
      {reasons.length > 0 && (
        <Flex wrap gap={4} align="center">
          <Typography.Text>{t('reports.channel.conflictsByReason')}</Typography.Text>
          {reasons.map(([reason, n]) => (
            <Tag key={reason} style={{ whiteSpace: 'normal' }}>
              {t(`reports.channel.reason.${reason}`)}: {n}
            </Tag>
          ))}
        </Flex>
      )}
    </>
  );
}
