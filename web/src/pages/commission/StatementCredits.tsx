import { Alert, Card, Flex, List, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { loose } from '../../i18n/errorText.js';
import { creditTotals, customerName, formatMoney } from './statementView.js';
import type { Statement, StatementCredit } from './statements.api.js';

/**
 * "How was this computed": the credit lines that counted — transaction, customer, date, kind, measure, the
 * amount the rate applied to, and the commission each earned — with totals that add up to the lines.
 */
export function StatementCredits(props: { statement: Statement; currency: string; narrow: boolean }) {
  const { t, i18n } = useTranslation();
  const canSeeTransactions = useCan('transactions:read');
  const { credits, lines } = props.statement;
  const money = (amount: string) => formatMoney(amount, props.currency, i18n.language);
  const totals = creditTotals(credits, lines);
  const kind = (c: StatementCredit) => (
    <Tag color={c.kind === 'return' || c.kind === 'credit_note' ? 'red' : 'blue'}>
      {loose(t)(`transactions.kinds.${c.kind}`, { defaultValue: c.kind })}
    </Tag>
  );
  const transaction = (c: StatementCredit) =>
    canSeeTransactions ? (
      <Link to={`/transactions/${c.transactionId}`} style={{ wordBreak: 'break-all' }}>
        {c.externalId}
      </Link>
    ) : (
      <span style={{ wordBreak: 'break-all' }}>{c.externalId}</span>
    );

  const columns: TableColumnsType<StatementCredit> = [
    { title: t('statements.how.transaction'), key: 'tx', render: (_: unknown, c) => transaction(c) },
    {
      title: t('statements.how.customer'),
      key: 'customer',
      render: (_: unknown, c) => <span style={{ wordBreak: 'break-word' }}>{customerName(c.customer)}</span>,
    },
    { title: t('statements.how.date'), dataIndex: 'date' },
    { title: t('statements.how.kind'), key: 'kind', render: (_: unknown, c) => kind(c) },
    {
      title: t('statements.how.measure'),
      key: 'measure',
      align: 'right',
      render: (_: unknown, c) => formatMoney(c.measure, '', i18n.language).trim(),
    },
    {
      title: t('statements.how.payOn'),
      key: 'payOn',
      align: 'right',
      render: (_: unknown, c) => money(c.payOn),
    },
    {
      title: t('statements.how.commission'),
      key: 'commission',
      align: 'right',
      render: (_: unknown, c) => money(c.commission),
    },
  ];

  const check = (
    <Alert
      type={totals.matches ? 'success' : 'info'}
      showIcon
      title={
        totals.matches
          ? t('statements.how.matches', { amount: money(totals.lines) })
          : t('statements.how.differs', { amount: money(totals.lines) })
      }
      data-testid="credits-check"
    />
  );

  return (
    <Flex vertical gap={8} data-testid="statement-credits">
      <Typography.Text type="secondary">{t('statements.how.help')}</Typography.Text>
      {props.narrow ? (
        <List
          dataSource={credits}
          split={false}
          locale={{ emptyText: t('statements.how.empty') }}
          renderItem={(c) => (
            <List.Item key={c.creditLineId} style={{ paddingInline: 0 }} data-testid="credit-card">
              <Card size="small" style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <span>
                    {transaction(c)} {kind(c)}
                  </span>
                  <Typography.Text strong>{money(c.commission)}</Typography.Text>
                </Flex>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', wordBreak: 'break-word' }}>
                  {[customerName(c.customer), c.date].filter(Boolean).join(' · ')}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {`${t('statements.how.measure')} ${formatMoney(c.measure, '', i18n.language).trim()} · ${t(
                    'statements.how.payOn',
                  )} ${money(c.payOn)}`}
                </Typography.Text>
              </Card>
            </List.Item>
          )}
          footer={
            credits.length > 0 ? (
              <Flex justify="space-between" gap={8} wrap data-testid="credits-total">
                <Typography.Text strong>{t('statements.how.total')}</Typography.Text>
                <Typography.Text strong>{money(totals.commission)}</Typography.Text>
              </Flex>
            ) : null
          }
        />
      ) : (
        <Table
          rowKey="creditLineId"
          size="small"
          columns={columns}
          dataSource={credits}
          pagination={false}
          locale={{ emptyText: t('statements.how.empty') }}
          summary={() =>
            credits.length > 0 ? (
              <Table.Summary.Row data-testid="credits-total">
                <Table.Summary.Cell index={0} colSpan={4}>
                  <Typography.Text strong>{t('statements.how.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {formatMoney(totals.measure, '', i18n.language).trim()}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {money(totals.payOn)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <Typography.Text strong>{money(totals.commission)}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
      {credits.length > 0 && check}
      {props.statement.reproduced === false && (
        <Alert
          type="warning"
          showIcon
          title={t('statements.how.notReproduced')}
          data-testid="not-reproduced"
        />
      )}
    </Flex>
  );
}
