import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Collapse,
  Descriptions,
  Flex,
  Grid,
  List,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { LoadFailed } from '../../components/LoadFailed.js';
import { PageHeader } from '../../components/PageHeader.js';
import { loose } from '../../i18n/errorText.js';
import type { PeriodState } from './PeriodStatementsPage.js';
import { CommissionFormula } from './PlanFormula.js';
import { DisputeLineModal } from './DisputeLineModal.js';
import { StatementCredits } from './StatementCredits.js';
import {
  STATUS_COLORS,
  adjustmentReason,
  attainmentColor,
  attainmentText,
  canDispute,
  disputesByLine,
  formatMoney,
  periodLabel,
} from './statementView.js';
import {
  statementExportHref,
  useDisputes,
  useMyStatements,
  useStatement,
  type StatementLine,
} from './statements.api.js';

/**
 * One payee's statement for one period: the figures, every line with its formula in the reader's language
 * and, for adjustments, why; the credit lines that made it ("how was this computed"); XLSX and PDF; and,
 * for the payee once the period is locked, a dispute on a single line. Lines stack as cards on a phone.
 */
export function StatementPage() {
  const { t, i18n } = useTranslation();
  const { id: periodId = '', payeeId = '' } = useParams();
  const state = (useLocation().state ?? {}) as PeriodState;
  const narrow = Grid.useBreakpoint().md === false;
  const statement = useStatement(periodId, payeeId);
  const mine = useMyStatements();
  // The period's disputes in the caller's sight: a payee's own, all for finance; shown on their lines.
  const disputes = useDisputes({ periodId, limit: 200, offset: 0 });
  const [disputing, setDisputing] = useState<StatementLine | null>(null);
  const back = state.planId ? `/commission/periods/${periodId}` : '/commission/statements';

  if (statement.error)
    return <LoadFailed error={statement.error} backTo={back} backLabel={t('statements.statement.back')} />;
  const s = statement.data;
  if (!s) return null;
  const currency = s.result.currency;
  const lineDisputes = disputesByLine(disputes.data?.items ?? []);
  const lines = s.lines.map((l) => ({ ...l, dispute: l.dispute ?? lineDisputes.get(l.id) ?? null }));
  const money = (amount: string | null | undefined) => formatMoney(amount, currency, i18n.language);
  // Payees dispute their own lines: the statement is the caller's when it is among its own statements.
  const own = (mine.data ?? []).some((m) => m.periodId === periodId && m.payeeId === payeeId);

  const kindTag = (line: StatementLine) => (
    <Tag color={line.amount.startsWith('-') ? 'red' : line.adjustment ? 'orange' : 'blue'}>
      {loose(t)(`commissionFormula.lineKinds.${line.kind}`, { defaultValue: line.kind })}
    </Tag>
  );
  const reason = (line: StatementLine): ReactNode => {
    const r = adjustmentReason(line);
    if (!r) return null;
    return (
      <Flex gap={4} wrap data-testid="line-reason">
        <Tag color="orange">
          {loose(t)(`commissionFormula.adjustmentKinds.${r.kind}`, { defaultValue: r.kind })}
        </Tag>
        {r.reasonCode && (
          <Tag>{loose(t)(`commissionPlans.reasons.${r.reasonCode}`, { defaultValue: r.reasonCode })}</Tag>
        )}
        {r.version !== null && (
          <Typography.Text type="secondary">
            {t('statements.statement.reasonVersion', { version: r.version })}
          </Typography.Text>
        )}
        {r.sourcePeriodStart && (
          <Typography.Text type="secondary">
            {t('statements.statement.reasonFrom', {
              period: periodLabel({ periodStart: r.sourcePeriodStart }),
            })}
          </Typography.Text>
        )}
        {r.note && <Typography.Text style={{ wordBreak: 'break-word' }}>{r.note}</Typography.Text>}
      </Flex>
    );
  };
  const disputeAction = (line: StatementLine) => (
    <Flex gap={4} wrap>
      {line.dispute && (
        <Tag color="gold" data-testid="line-disputed">
          {t('statements.statement.disputed', {
            status: loose(t)(`statements.disputeStatuses.${line.dispute.status}`, {
              defaultValue: line.dispute.status,
            }),
          })}
        </Tag>
      )}
      {canDispute(s.period, own, line) && (
        <Button size="small" onClick={() => setDisputing(line)} data-testid="dispute-line">
          {t('statements.statement.dispute')}
        </Button>
      )}
    </Flex>
  );
  const showDisputes = own || lineDisputes.size > 0;
  const formula = (line: StatementLine) => <CommissionFormula formula={line.formula} currency={currency} />;
  const rateText = (line: StatementLine) => (line.rate === null ? '' : `${line.rate} %`);

  const columns: TableColumnsType<StatementLine> = [
    { title: '#', dataIndex: 'lineNo', width: 48 },
    { title: t('statements.statement.kind'), key: 'kind', render: (_: unknown, l) => kindTag(l) },
    {
      title: t('statements.statement.basis'),
      key: 'basis',
      align: 'right',
      render: (_: unknown, l) => (l.basis === null ? '' : money(l.basis)),
    },
    {
      title: t('statements.statement.rate'),
      key: 'rate',
      align: 'right',
      render: (_: unknown, l) => rateText(l),
    },
    {
      title: t('statements.statement.tier'),
      key: 'tier',
      align: 'right',
      render: (_: unknown, l) =>
        l.tier === null ? '' : t('statements.statement.tierValue', { tier: l.tier + 1 }),
    },
    {
      title: t('statements.statement.amount'),
      key: 'amount',
      align: 'right',
      render: (_: unknown, l) => <Typography.Text strong>{money(l.amount)}</Typography.Text>,
    },
    {
      title: t('statements.statement.formula'),
      key: 'formula',
      render: (_: unknown, l) => (
        <Space orientation="vertical" size={4}>
          {formula(l)}
          {reason(l)}
        </Space>
      ),
    },
    ...(showDisputes ? [{ key: 'dispute', render: (_: unknown, l: StatementLine) => disputeAction(l) }] : []),
  ];

  const lineCard = (line: StatementLine) => (
    <List.Item key={line.id} style={{ paddingInline: 0 }} data-testid="statement-line">
      <Card size="small" style={{ width: '100%' }}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Space size={4} wrap>
            <Typography.Text type="secondary">#{line.lineNo}</Typography.Text>
            {kindTag(line)}
          </Space>
          <Typography.Text strong>{money(line.amount)}</Typography.Text>
        </Flex>
        {(line.basis !== null || line.rate !== null || line.tier !== null) && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {[
              line.basis === null ? null : `${t('statements.statement.basis')} ${money(line.basis)}`,
              line.rate === null ? null : `${t('statements.statement.rate')} ${rateText(line)}`,
              line.tier === null ? null : t('statements.statement.tierValue', { tier: line.tier + 1 }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Paragraph>
        )}
        <div style={{ marginTop: 4, wordBreak: 'break-word' }}>{formula(line)}</div>
        {reason(line) && <div style={{ marginTop: 4 }}>{reason(line)}</div>}
        {showDisputes && <div style={{ marginTop: 8 }}>{disputeAction(line)}</div>}
      </Card>
    </List.Item>
  );

  const r = s.result;
  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%', minWidth: 0 }}
      data-testid="statement"
    >
      <Link to={back} state={state}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('statements.statement.back')}
        </Button>
      </Link>
      <PageHeader title={`${t('statements.statement.title')} · ${s.payee.name}`}>
        <Space size={4} wrap>
          {(['xlsx', 'pdf'] as const).map((format) => (
            <Button
              key={format}
              icon={<DownloadOutlined />}
              href={statementExportHref(periodId, payeeId, format, i18n.language)}
              download
              data-testid={`statement-export-${format}`}
            >
              {format === 'xlsx' ? t('statements.statement.exportXlsx') : t('statements.statement.exportPdf')}
            </Button>
          ))}
        </Space>
      </PageHeader>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered data-testid="statement-header">
        <Descriptions.Item label={t('statements.statement.payee')}>{s.payee.name}</Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.plan')}>{s.plan.name}</Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.version')}>
          {t('statements.statement.versionValue', { version: s.version.version })}
        </Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.period')}>
          <Space size={4} wrap>
            {periodLabel(s.period)}
            <Tag color={STATUS_COLORS[s.period.status]}>{t(`statements.statuses.${s.period.status}`)}</Tag>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.target')}>{money(r.target)}</Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.measure')}>{money(r.measure)}</Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.attainment')}>
          <Tag color={attainmentColor(r.attainment)} data-testid="statement-attainment">
            {attainmentText(r.attainment)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.tier')}>
          {r.tier === null ? '—' : t('statements.statement.tierValue', { tier: r.tier + 1 })}
        </Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.earned')}>{money(r.earned)}</Descriptions.Item>
        <Descriptions.Item label={t('statements.statement.payout')}>
          <Typography.Text strong data-testid="statement-payout">
            {money(r.payout)}
          </Typography.Text>
        </Descriptions.Item>
        {r.carried && /[1-9]/.test(r.carried) && (
          <Descriptions.Item label={t('statements.statement.carried')}>{money(r.carried)}</Descriptions.Item>
        )}
        {r.drawBalance && /[1-9]/.test(r.drawBalance) && (
          <Descriptions.Item label={t('statements.statement.drawBalance')}>
            {money(r.drawBalance)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {!['locked', 'paid'].includes(s.period.status) && (
        <Typography.Text type="secondary">{t('statements.statement.notVisible')}</Typography.Text>
      )}
      <Card size="small" title={t('statements.statement.lines')}>
        {narrow ? (
          <List dataSource={lines} renderItem={lineCard} split={false} data-testid="statement-lines" />
        ) : (
          <Table
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={lines}
            pagination={false}
            data-testid="statement-lines"
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={5}>
                  <Typography.Text strong>{t('statements.statement.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Typography.Text strong>{money(r.payout)}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} colSpan={showDisputes ? 2 : 1} />
              </Table.Summary.Row>
            )}
          />
        )}
      </Card>
      <Collapse
        items={[
          {
            key: 'how',
            label: t('statements.how.title'),
            children: <StatementCredits statement={s} currency={currency} narrow={narrow} />,
          },
        ]}
        data-testid="how-computed"
      />
      <DisputeLineModal line={disputing} currency={currency} onClose={() => setDisputing(null)} />
    </Space>
  );
}
