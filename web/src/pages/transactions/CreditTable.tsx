import { Flex, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CreditLine } from '../../api/types.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { loose } from '../../i18n/errorText.js';
import { isKnownEvidence } from '../decisions/decisionCodes.js';
import { CREDIT_COLORS, CreditEvidenceText } from './CreditEvidence.js';

/** Credit lines: who, which role, what share and amount, and where each came from (its evidence). */
export function CreditTable({ lines, withTransaction }: { lines: CreditLine[]; withTransaction?: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CreditLine> = [
    ...(withTransaction
      ? [
          {
            title: t('transactions.externalId'),
            key: 'transaction',
            render: (_: unknown, { transaction: sale }: CreditLine) =>
              `${sale?.externalId ?? ''} · ${sale?.transactionDate ?? ''}`,
          },
        ]
      : []),
    {
      title: t('transactions.payee'),
      key: 'payee',
      render: (_: unknown, c) =>
        c.payee.type === 'unassigned' ? (
          <Tag>{t('transactions.unassigned')}</Tag>
        ) : c.payee.type === 'partner' && c.payee.id ? (
          <Link to={`/partners/${c.payee.id}`}>{c.payee.name ?? c.payee.id}</Link>
        ) : (
          <span style={{ wordBreak: 'break-word' }}>{c.payee.name ?? c.payee.id}</span>
        ),
    },
    {
      title: t('transactions.role'),
      key: 'role',
      render: (_: unknown, c) => (
        <Flex gap={4} wrap>
          {loose(t)(`transactions.roles.${c.role}`, { defaultValue: c.role })}
          {c.overlay && <Tag color="gold">{t('transactions.overlay')}</Tag>}
        </Flex>
      ),
    },
    { title: t('transactions.share'), key: 'share', render: (_: unknown, c) => `${c.share} %` },
    {
      title: t('transactions.amount'),
      key: 'amount',
      align: 'right',
      render: (_: unknown, c) => `${c.amount} ${c.currency}`,
    },
    {
      title: t('transactions.source'),
      key: 'source',
      responsive: SECONDARY,
      render: (_: unknown, c) => (
        <Flex vertical gap={4}>
          {c.evidence.map((e, i) => (
            <Flex key={i} gap={4} wrap align="center">
              <Tag
                color={
                  isKnownEvidence(e.code) ? CREDIT_COLORS[e.code as keyof typeof CREDIT_COLORS] : 'default'
                }
              >
                {loose(t)(`transactions.sources.${c.source}`, { defaultValue: c.source })}
              </Tag>
              <CreditEvidenceText code={e.code} params={e.params} />
            </Flex>
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={lines}
      pagination={false}
      locale={{ emptyText: t('transactions.noCredit') }}
      data-testid="credit-lines"
    />
  );
}
