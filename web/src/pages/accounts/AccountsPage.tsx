import { CheckCircleFilled, DeleteOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Flex,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import { useMemo, useRef, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Account, AccountStatus, BulkArchiveResult } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PageHeader } from '../../components/PageHeader.js';
import { tablePagination } from '../../components/tablePagination.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { AccountFilterBar } from './AccountFilterBar.js';
import { useAccountList } from './accountList.api.js';
import {
  filtersFromSearch,
  nextSort,
  refine,
  searchFromFilters,
  toFilterQuery,
  type AccountListFilters,
  type AccountSort,
} from './accountListQuery.js';
import { BulkArchiveModal } from './BulkArchiveModal.js';
import { BulkArchiveResultView } from './BulkArchiveResultView.js';
import { ACCOUNT_STATUS_COLORS } from './colors.js';
import { OwnerName } from './OwnerName.js';
import { formatPhones } from '../../../../src/modules/matching/phone-format.js';
import { useIndustries, useRegions } from './places.api.js';
import { industryText, regionText } from './places.js';

type SortOrder = 'ascend' | 'descend' | null;

/** The name column's width: a phone keeps room for the status beside it. */
const NAME_WIDTH = 'min(360px, 50vw)';

export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('accounts:write');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const setFilters = (next: AccountListFilters) =>
    setSearchParams(searchFromFilters(next), { replace: true });
  const filter = (patch: Partial<AccountListFilters>) => setFilters(refine(filters, patch));
  const accounts = useAccountList(filters);
  const regions = useRegions();
  const industries = useIndustries();

  // The selection outlives paging and filtering, so it is kept with the names seen, for the outcome.
  const [selected, setSelected] = useState<Key[]>([]);
  const names = useRef(new Map<string, string>());
  const [archiving, setArchiving] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<BulkArchiveResult | null>(null);

  const sortOrder = (key: AccountSort): SortOrder =>
    (filters.sort ?? 'createdAt') === key
      ? (filters.order ?? 'desc') === 'asc'
        ? 'ascend'
        : 'descend'
      : null;
  // The server sorts; the header shows which way (controlled), and the table's sort event asks for the
  // next one. Three directions so that a third click turns A→Z again instead of clearing the sort.
  const sortable = (key: AccountSort) => ({
    key,
    sorter: true,
    sortOrder: sortOrder(key),
    sortDirections: ['ascend', 'descend', 'ascend'] as SortOrder[],
    showSorterTooltip: false,
  });
  const onSort: TableProps<Account>['onChange'] = (_paging, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = sorter.columnKey as AccountSort;
    const order = sorter.order === 'ascend' ? 'asc' : sorter.order === 'descend' ? 'desc' : null;
    setFilters(order ? refine(filters, { sort: key, order }) : nextSort(filters, key));
  };

  const columns: TableColumnsType<Account> = [
    {
      title: t('accounts.legalName'),
      dataIndex: 'legalName',
      ...sortable('legalName'),
      render: (name: string, account) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: NAME_WIDTH }}>
          <Link to={`/accounts/${account.id}`} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
          {(account.aliases.length > 0 || account.englishName) && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: NAME_WIDTH }}>
              {[account.englishName, ...account.aliases].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('accounts.uscc'),
      dataIndex: 'uscc',
      responsive: SECONDARY,
      render: (uscc: string | null, account) =>
        uscc ? (
          <Space size={4}>
            <Typography.Text code>{uscc}</Typography.Text>
            {account.usccValid ? (
              <CheckCircleFilled style={{ color: '#52c41a' }} />
            ) : (
              <Tooltip title={t('accounts.usccInvalid')}>
                <WarningOutlined style={{ color: '#faad14' }} aria-label={t('accounts.usccInvalid')} />
              </Tooltip>
            )}
          </Space>
        ) : null,
    },
    {
      title: t('customerList.region'),
      key: 'address',
      responsive: SECONDARY,
      render: (_: unknown, a) => regionText(a, regions.index),
    },
    {
      title: t('customerList.industry'),
      key: 'industry',
      responsive: SECONDARY,
      render: (_: unknown, a) => industryText(a, industries.index, i18n.language),
    },
    {
      title: t('accounts.phones'),
      dataIndex: 'phones',
      responsive: SECONDARY,
      render: (phones: string[]) => formatPhones(phones),
    },
    {
      title: t('accounts.owner'),
      dataIndex: 'ownerId',
      responsive: SECONDARY,
      render: (id: string | null) => <OwnerName ownerId={id} />,
    },
    {
      title: t('accounts.status'),
      dataIndex: 'status',
      render: (status: AccountStatus) => (
        <Tag color={ACCOUNT_STATUS_COLORS[status]}>{t(`accounts.statuses.${status}`)}</Tag>
      ),
    },
    {
      title: t('accounts.createdAt'),
      dataIndex: 'createdAt',
      ...sortable('createdAt'),
      render: (at: string) => formatDateTime(at, i18n.language),
    },
    {
      title: t('accounts.updatedAt'),
      dataIndex: 'updatedAt',
      responsive: SECONDARY,
      ...sortable('updatedAt'),
      render: (at: string) => formatDateTime(at, i18n.language),
    },
  ];

  const rowSelection: TableProps<Account>['rowSelection'] | undefined = canWrite
    ? {
        selectedRowKeys: selected,
        preserveSelectedRowKeys: true,
        onChange: (keys, rows) => {
          for (const row of rows) if (row) names.current.set(row.id, row.legalName);
          setSelected(keys);
        },
      }
    : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('accounts.title')}>
        <ExportButton
          sources={[
            {
              key: 'accounts',
              label: t('accounts.title'),
              path: '/api/v1/exports/accounts',
              query: toFilterQuery(filters),
            },
            { key: 'contacts', label: t('accounts.contacts'), path: '/api/v1/exports/contacts' },
          ]}
        />
        {canWrite && (
          <Link to="/accounts/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('accounts.new')}
            </Button>
          </Link>
        )}
      </PageHeader>
      <AccountFilterBar
        filters={filters}
        onChange={filter}
        onClear={() => setFilters({ limit: filters.limit, offset: 0 })}
      />
      {selected.length > 0 && (
        <Flex wrap gap={8} align="center" data-testid="bulk-actions">
          <Typography.Text strong>{t('customerList.selected', { count: selected.length })}</Typography.Text>
          <Button danger icon={<DeleteOutlined />} onClick={() => setArchiving(selected.map(String))}>
            {t('customerList.archive')}
          </Button>
          <Button type="link" onClick={() => setSelected([])}>
            {t('customerList.clearSelection')}
          </Button>
        </Flex>
      )}
      {outcome && (
        <BulkArchiveResultView result={outcome} names={names.current} onClose={() => setOutcome(null)} />
      )}
      {accounts.error && <Alert type="error" showIcon title={errorText(t, accounts.error)} />}
      <Table<Account>
        rowKey="id"
        columns={columns}
        dataSource={accounts.data?.items}
        loading={accounts.isFetching}
        scroll={useTableScroll<Account>({ x: 'max-content' })}
        size="middle"
        rowSelection={rowSelection}
        onChange={onSort}
        onRow={(account) => ({
          onClick: (event) => {
            // A click on the selection checkbox's cell selects; anywhere else opens the customer.
            if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
            void navigate(`/accounts/${account.id}`);
          },
          style: { cursor: 'pointer' },
        })}
        pagination={tablePagination(t, filters, accounts.data?.total ?? 0, (paging) =>
          setFilters({ ...filters, ...paging }),
        )}
      />
      <BulkArchiveModal
        ids={archiving}
        onClose={() => setArchiving(null)}
        onDone={(result) => {
          setArchiving(null);
          setOutcome(result);
          // What was archived leaves the selection; what was refused stays, to be dealt with.
          setSelected((keys) => keys.filter((k) => !result.archived.includes(String(k))));
        }}
      />
    </Space>
  );
}
