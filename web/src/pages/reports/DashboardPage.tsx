import { Alert, Button, Card, Col, Empty, Flex, List, Row, Space, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { DeadlineText } from '../ownership/ownershipTags.js';
import { useMyCustomers } from '../ownership/ownership.api.js';
import { expiringOption, overlapRateOption, poolFlowOption } from './charts.js';
import { EChart } from './EChart.js';
import { percent } from './OverlapReportPage.js';
import { useDistributionReport, useKpis, useOverlapReport } from './reports.api.js';

/** Twelve weeks back from today (the browser's date; the server counts in the organisation's zone). */
function twelveWeeks() {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const now = new Date();
  return { from: day(new Date(now.getTime() - 83 * 86_400_000)), to: day(now) };
}

/**
 * The home page, per role: a rep sees its own protections ending soonest and its row of the distribution
 * report; managers, sales ops and admins see the KPIs of their scope with charts and the two reports.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const rep = me.scope === 'own';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <PageHeader title={t('reports.dashboard.title')}>
        <Flex wrap gap={8}>
          <Link to="/reports/distribution">
            <Button>{t('reports.dashboard.toDistribution')}</Button>
          </Link>
          {!rep && (
            <Link to="/reports/overlap">
              <Button>{t('reports.dashboard.toOverlap')}</Button>
            </Link>
          )}
        </Flex>
      </PageHeader>
      {rep ? <RepDashboard /> : <TeamDashboard />}
    </Space>
  );
}

function ExpiringStats({ kpis }: { kpis: ReturnType<typeof useKpis> }) {
  const { t } = useTranslation();
  const e = kpis.data?.expiring;
  const stat = (key: 'overdue' | 'within3' | 'within7' | 'within30', danger = false) => (
    <Col xs={12} sm={6}>
      <Statistic
        title={t(`reports.dashboard.${key}`)}
        value={e?.[key] ?? '—'}
        styles={{ content: danger && e?.[key] ? { color: '#cf1322' } : undefined }}
      />
    </Col>
  );
  return (
    <Card size="small" title={t('reports.dashboard.expiring')} loading={kpis.isPending}>
      {kpis.error && <Alert type="error" showIcon title={errorText(t, kpis.error)} />}
      <Row gutter={[16, 16]} data-testid="expiring-stats">
        {stat('overdue', true)}
        {stat('within3', true)}
        {stat('within7')}
        {stat('within30')}
      </Row>
    </Card>
  );
}

function RepDashboard() {
  const { t } = useTranslation();
  const me = useMe();
  const kpis = useKpis();
  const mine = useMyCustomers({ limit: 5, offset: 0 });
  const report = useDistributionReport({});
  const row = report.data?.rows.find((r) => r.userId === me.user.id);
  const soonest = (mine.data?.items ?? []).filter((c) => c.deadline);
  return (
    <>
      <ExpiringStats kpis={kpis} />
      <Card
        size="small"
        title={t('reports.dashboard.myExpiring')}
        extra={<Link to="/my-customers">{t('reports.dashboard.allMine')}</Link>}
      >
        <List
          size="small"
          loading={mine.isFetching}
          dataSource={soonest}
          locale={{ emptyText: <Empty description={t('reports.dashboard.myExpiringEmpty')} /> }}
          data-testid="my-expiring"
          renderItem={(c) => (
            <List.Item>
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <Link to={`/accounts/${c.id}`} style={{ wordBreak: 'break-word' }}>
                  {c.legalName}
                </Link>
                <DeadlineText deadline={c.deadline} />
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card
        size="small"
        title={t('reports.dashboard.myRow')}
        loading={report.isPending}
        data-testid="my-distribution"
      >
        <Row gutter={[16, 16]}>
          {(['received', 'claimed', 'released', 'recovered', 'held'] as const).map((k) => (
            <Col key={k} xs={8} sm={4}>
              <Statistic title={t(`reports.distribution.${k}`)} value={row?.[k] ?? '—'} />
            </Col>
          ))}
        </Row>
      </Card>
    </>
  );
}

function TeamDashboard() {
  const { t } = useTranslation();
  const kpis = useKpis();
  const weeks = useMemo(twelveWeeks, []);
  const overlap = useOverlapReport(weeks);
  const k = kpis.data;
  const flow = useMemo(
    () =>
      poolFlowOption(k?.flow ?? [], {
        in: t('reports.dashboard.poolIn'),
        out: t('reports.dashboard.poolOut'),
      }),
    [k?.flow, t],
  );
  const expiring = useMemo(
    () => expiringOption(k?.expiring.byDay ?? [], t('reports.dashboard.expiring')),
    [k?.expiring.byDay, t],
  );
  const rate = useMemo(
    () => overlapRateOption(overlap.data?.weeks ?? [], t('reports.overlap.rate')),
    [overlap.data?.weeks, t],
  );
  return (
    <>
      <ExpiringStats kpis={kpis} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('reports.dashboard.expiringChart')} loading={kpis.isPending}>
            <EChart option={expiring} testId="expiring-chart" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('reports.dashboard.poolFlow')} loading={kpis.isPending}>
            <EChart option={flow} testId="pool-flow-chart" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={t('reports.dashboard.overlapRate')}
            extra={overlap.data && percent(overlap.data.rate)}
            loading={overlap.isPending}
          >
            {overlap.error && <Alert type="error" showIcon title={errorText(t, overlap.error)} />}
            <EChart option={rate} testId="overlap-rate-chart" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('reports.dashboard.pools')} loading={kpis.isPending}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Statistic
                title={t('reports.dashboard.releaseToClaim')}
                value={
                  k?.releaseToClaim.medianHours == null
                    ? t('reports.dashboard.releaseToClaimNone')
                    : t('reports.dashboard.releaseToClaimValue', {
                        hours: k.releaseToClaim.medianHours,
                        count: k.releaseToClaim.pairs,
                      })
                }
                styles={{ content: { fontSize: 16 } }}
              />
              <List
                size="small"
                dataSource={k?.pools ?? []}
                data-testid="pool-sizes"
                renderItem={(p) => (
                  <List.Item extra={t('reports.dashboard.poolSize', { count: p.size })}>
                    <Typography.Text style={{ wordBreak: 'break-word' }}>{p.name}</Typography.Text>
                  </List.Item>
                )}
              />
            </Space>
          </Card>
        </Col>
      </Row>
    </>
  );
}
