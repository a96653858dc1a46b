import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { LoadFailed } from '../../components/LoadFailed.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { errorText, loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { STATUS_COLORS, formatMoney, isClosed, periodActions, periodLabel } from './statementView.js';
import { usePlan, usePlans } from './plans.api.js';
import {
  usePeriodAction,
  usePeriods,
  type CalculationResult,
  type CommissionPeriod,
  type PeriodAction,
} from './statements.api.js';

/** Where a period's statements open, carrying the way back to the plan's periods. */
export const periodStatementsPath = (period: CommissionPeriod, planId: string) => ({
  pathname: `/commission/periods/${period.id}`,
  state: { planId },
});

/**
 * A plan's periods and their close flow: open → calculated → approved → locked → paid. Calculating a closed
 * period is a recalculation: it never edits the locked statements, and the adjustments it made are shown.
 */
export function PeriodsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id: planId = '' } = useParams();
  const canApprove = useCan('commission:approve');
  const plan = usePlan(planId);
  const periods = usePeriods(planId);
  const action = usePeriodAction();
  const [result, setResult] = useState<CalculationResult | null>(null);

  if (periods.error) return <LoadFailed error={periods.error} backTo="/" backLabel={t('pages.home')} />;

  const run = (period: CommissionPeriod, verb: PeriodAction) =>
    action.mutate(
      { periodId: period.id, action: verb },
      {
        onSuccess: (answer) => {
          if (verb === 'calculate') {
            const calculated = answer as CalculationResult;
            setResult(calculated);
            void message.success(
              t('statements.done.calculate', {
                payees: calculated.snapshot.payees,
                payout: formatMoney(calculated.snapshot.payout, calculated.currency, i18n.language),
              }),
            );
          } else void message.success(t(`statements.done.${verb}`));
        },
        onError: (error) => void message.error(errorText(t, error)),
      },
    );

  const button = (period: CommissionPeriod, verb: PeriodAction) => {
    const label =
      verb === 'calculate' && period.status !== 'open'
        ? t('statements.recalculate')
        : t(`statements.actions.${verb}`);
    const confirm =
      verb === 'calculate'
        ? isClosed(period.status)
          ? t('statements.recalculateLockedTitle')
          : null
        : t(`statements.confirm.${verb}`);
    const pending = action.isPending && action.variables?.periodId === period.id;
    const primary = verb !== 'calculate' || period.status === 'open';
    const node = (
      <Button
        key={verb}
        size="small"
        type={primary ? 'primary' : 'default'}
        loading={pending && action.variables?.action === verb}
        disabled={pending}
        onClick={confirm ? undefined : () => run(period, verb)}
        data-testid={`period-${verb}`}
      >
        {label}
      </Button>
    );
    return confirm ? (
      <Popconfirm
        key={verb}
        title={confirm}
        description={
          verb === 'calculate' ? (
            <Typography.Paragraph style={{ maxWidth: 280, margin: 0 }}>
              {t('statements.recalculateLocked')}
            </Typography.Paragraph>
          ) : undefined
        }
        onConfirm={() => run(period, verb)}
        okText={label}
        cancelText={t('common.cancel')}
      >
        {node}
      </Popconfirm>
    ) : (
      node
    );
  };

  const columns: TableColumnsType<CommissionPeriod> = [
    {
      title: t('statements.periods.period'),
      key: 'period',
      render: (_: unknown, p) =>
        p.status === 'open' ? (
          periodLabel(p)
        ) : (
          <Link to={periodStatementsPath(p, planId)} data-testid="period-statements">
            {periodLabel(p)}
          </Link>
        ),
    },
    {
      title: t('statements.periods.status'),
      key: 'status',
      render: (_: unknown, p) => (
        <Tag color={STATUS_COLORS[p.status]} data-testid="period-status">
          {t(`statements.statuses.${p.status}`)}
        </Tag>
      ),
    },
    { title: t('statements.periods.payees'), dataIndex: 'payees', responsive: SECONDARY, align: 'right' },
    {
      title: t('statements.periods.payout'),
      key: 'payout',
      align: 'right',
      render: (_: unknown, p) => formatMoney(p.payout, p.currency, i18n.language),
    },
    {
      title: t('statements.periods.calculatedAt'),
      key: 'calculatedAt',
      responsive: SECONDARY,
      render: (_: unknown, p) => formatDateTime(p.calculatedAt, i18n.language),
    },
    {
      title: t('statements.periods.lockedAt'),
      key: 'lockedAt',
      responsive: SECONDARY,
      render: (_: unknown, p) => formatDateTime(p.lockedAt, i18n.language),
    },
    ...(canApprove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, p: CommissionPeriod) => (
              <Flex gap={4} wrap>
                {periodActions(p.status).map((verb) => button(p, verb))}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  const adjustments = result?.adjustments ?? [];
  const resultPeriod = periods.data?.find((p) => p.id === result?.periodId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={
          plan.data
            ? t('statements.periods.title', { plan: plan.data.name })
            : t('statements.periods.titleNoPlan')
        }
      />
      {!canApprove && <Alert type="info" showIcon title={t('statements.periods.readOnly')} />}
      {result && (result.snapshot.kind === 'recalculation' || adjustments.length > 0) && (
        <Card
          size="small"
          title={`${resultPeriod ? periodLabel(resultPeriod) : ''} · ${
            result.snapshot.kind === 'recalculation'
              ? t('statements.periods.recalculation', { seq: result.snapshot.seq })
              : t('statements.periods.adjustmentsTitle')
          }`}
          extra={
            <Button size="small" type="text" onClick={() => setResult(null)}>
              {t('common.close')}
            </Button>
          }
          data-testid="recalculation-adjustments"
        >
          <Typography.Paragraph type="secondary">
            {t('statements.periods.adjustmentsHelp')}
          </Typography.Paragraph>
          {adjustments.length === 0 ? (
            <Typography.Text>{t('statements.periods.adjustmentsNone')}</Typography.Text>
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={adjustments}
              columns={[
                {
                  title: t('statements.finance.payee'),
                  key: 'payee',
                  render: (_: unknown, a) => a.payeeId,
                },
                {
                  title: t('statements.statement.kind'),
                  key: 'kind',
                  render: (_: unknown, a) =>
                    loose(t)(`commissionFormula.adjustmentKinds.${a.kind}`, { defaultValue: a.kind }),
                },
                {
                  title: t('statements.statement.amount'),
                  key: 'amount',
                  align: 'right',
                  render: (_: unknown, a) => formatMoney(a.amount, result.currency, i18n.language),
                },
              ]}
            />
          )}
        </Card>
      )}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={periods.data ?? []}
        loading={periods.isLoading}
        pagination={false}
        locale={{ emptyText: t('statements.periods.empty') }}
        data-testid="periods"
      />
    </Space>
  );
}

/** The close flow's entry from the menu: choose a plan, then its periods. */
export function PeriodsIndexPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const plans = usePlans({ limit: 100, offset: 0 });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('statements.periods.titleNoPlan')} />
      <Select
        style={{ width: 360, maxWidth: '100%' }}
        showSearch={{ optionFilterProp: 'label' }}
        loading={plans.isLoading}
        placeholder={t('statements.periods.choosePlan')}
        options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
        onChange={(id: string) => void navigate(`/commission/plans/${id}/periods`)}
        data-testid="periods-plan"
      />
    </Space>
  );
}
