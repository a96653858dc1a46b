import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Opportunity, OpportunityStatus, Page } from '../../api/types.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination, type Paging } from '../../components/tablePagination.js';
import { formatAmount } from './money.js';

export const OPPORTUNITY_STATUS_COLORS: Record<OpportunityStatus, string> = {
  open: 'processing',
  won: 'success',
  lost: 'default',
};

/** Opportunities as a table that keeps name, amount and status on a phone. */
export function OpportunityList(props: {
  page: Page<Opportunity> | undefined;
  loading: boolean;
  paging: Paging;
  onPaging: (paging: Paging) => void;
  showAccount: boolean;
}) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<Opportunity> = [
    {
      title: t('opportunities.name'),
      key: 'name',
      render: (_: unknown, o) => (
        <Link to={`/opportunities/${o.id}`} style={{ wordBreak: 'break-word' }}>
          {o.name}
        </Link>
      ),
    },
    ...(props.showAccount
      ? [
          {
            title: t('opportunities.account'),
            key: 'account',
            responsive: SECONDARY,
            render: (_: unknown, o: Opportunity) => o.account?.legalName ?? t('opportunities.hiddenAccount'),
          },
        ]
      : []),
    {
      title: t('opportunities.amount'),
      key: 'amount',
      render: (_: unknown, o) => formatAmount(o.amount, o.currency, i18n.language),
    },
    {
      title: t('opportunities.stage'),
      key: 'stage',
      responsive: SECONDARY,
      render: (_: unknown, o) => t(`opportunities.stages.${o.stage}`),
    },
    {
      title: t('opportunities.owner'),
      key: 'owner',
      responsive: SECONDARY,
      render: (_: unknown, o) => o.owner?.displayName ?? '—',
    },
    {
      title: t('opportunities.expectedClose'),
      dataIndex: 'expectedClose',
      responsive: SECONDARY,
    },
    {
      title: t('opportunities.status'),
      key: 'status',
      render: (_: unknown, o) => (
        <Tag color={OPPORTUNITY_STATUS_COLORS[o.status]}>{t(`opportunities.statuses.${o.status}`)}</Tag>
      ),
    },
  ];
  return (
    <Table<Opportunity>
      rowKey="id"
      size="small"
      columns={columns}
      loading={props.loading}
      dataSource={props.page?.items ?? []}
      pagination={tablePagination(t, props.paging, props.page?.total ?? 0, props.onPaging)}
      locale={{ emptyText: t('opportunities.empty') }}
      data-testid="opportunities"
    />
  );
}
