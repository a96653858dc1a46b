import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { LoadFailed } from '../../components/LoadFailed.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import {
  STATUS_COLORS,
  attainmentColor,
  attainmentText,
  formatMoney,
  periodLabel,
  sumDecimals,
} from './statementView.js';
import { periodExportHref, usePeriodStatements, type StatementRow } from './statements.api.js';

/** What the periods page passes along: the plan to go back to. */
export interface PeriodState {
  planId?: string;
}

/** Finance's view of a period: every payee's figures, attainment below 80 % in red, the XLSX export. */
export function PeriodStatementsPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const state = (useLocation().state ?? {}) as PeriodState;
  const rows = usePeriodStatements(id);
  const back = state.planId ? `/commission/plans/${state.planId}/periods` : '/commission/statements';
  if (rows.error)
    return <LoadFailed error={rows.error} backTo={back} backLabel={t('statements.finance.back')} />;
  const list = rows.data?.statements ?? [];
  const period = rows.data?.period;
  const currency = list[0]?.currency ?? '';

  const columns: TableColumnsType<StatementRow> = [
    {
      title: t('statements.finance.payee'),
      key: 'payee',
      render: (_: unknown, r) => (
        <Link
          to={`/commission/periods/${id}/statements/${r.payeeId}`}
          state={state}
          style={{ wordBreak: 'break-word' }}
          data-testid="statement-link"
        >
          {r.payee.name}
        </Link>
      ),
    },
    {
      title: t('statements.finance.measure'),
      key: 'measure',
      align: 'right',
      responsive: SECONDARY,
      render: (_: unknown, r) => formatMoney(r.measure, '', i18n.language).trim(),
    },
    {
      title: t('statements.finance.target'),
      key: 'target',
      align: 'right',
      responsive: SECONDARY,
      render: (_: unknown, r) => formatMoney(r.target, '', i18n.language).trim(),
    },
    {
      title: t('statements.finance.attainment'),
      key: 'attainment',
      align: 'right',
      render: (_: unknown, r) => (
        <Tag color={attainmentColor(r.attainment)} data-testid="attainment">
          {attainmentText(r.attainment)}
        </Tag>
      ),
    },
    {
      title: t('statements.finance.tier'),
      key: 'tier',
      align: 'right',
      responsive: SECONDARY,
      render: (_: unknown, r) =>
        r.tier === null ? '—' : t('statements.statement.tierValue', { tier: r.tier + 1 }),
    },
    {
      title: t('statements.finance.earned'),
      key: 'earned',
      align: 'right',
      responsive: SECONDARY,
      render: (_: unknown, r) => formatMoney(r.earned, r.currency, i18n.language),
    },
    {
      title: t('statements.finance.payout'),
      key: 'payout',
      align: 'right',
      render: (_: unknown, r) => formatMoney(r.payout, r.currency, i18n.language),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={back}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('statements.finance.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          period
            ? t('statements.finance.title', { period: periodLabel(period) })
            : t('statements.statement.title')
        }
      >
        <Button
          icon={<DownloadOutlined />}
          href={periodExportHref(id, i18n.language)}
          download
          disabled={list.length === 0}
          data-testid="period-export"
        >
          {t('statements.finance.export')}
        </Button>
      </PageHeader>
      {period && (
        <Tag
          color={STATUS_COLORS[period.status]}
          style={{ alignSelf: 'flex-start' }}
          data-testid="period-status"
        >
          {t(`statements.statuses.${period.status}`)}
        </Tag>
      )}
      <Table
        rowKey="payeeId"
        columns={columns}
        dataSource={list}
        loading={rows.isLoading}
        pagination={false}
        locale={{ emptyText: t('statements.finance.empty') }}
        data-testid="period-statements"
        summary={() =>
          list.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('statements.finance.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right" colSpan={columns.length - 1}>
                <Typography.Text strong data-testid="period-total">
                  {formatMoney(sumDecimals(list.map((r) => r.payout)), currency, i18n.language)}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}
