import { CheckCircleFilled, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ACCOUNT_STATUSES, type Account, type AccountStatus } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { tablePagination } from '../../components/tablePagination.js';
import { UserSelect } from '../../components/UserSelect.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useAccounts, type AccountFilters } from './accounts.api.js';
import { ACCOUNT_STATUS_COLORS } from './colors.js';
import { OwnerName } from './OwnerName.js';
import { formatPhones } from '../../../../src/modules/matching/phone-format.js';

const PAGE_SIZE = 20;

/** The name column's width: a phone keeps room for the status beside it. */
const NAME_WIDTH = 'min(360px, 50vw)';

export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('accounts:write');
  const canReadUsers = useCan('users:read');
  const [filters, setFilters] = useState<AccountFilters>({ limit: PAGE_SIZE, offset: 0 });
  const [search, setSearch] = useState('');
  const accounts = useAccounts(filters);
  const filter = (patch: Partial<AccountFilters>) => setFilters((f) => ({ ...f, ...patch, offset: 0 }));

  const columns: TableColumnsType<Account> = [
    {
      title: t('accounts.legalName'),
      dataIndex: 'legalName',
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
      title: t('accounts.address'),
      key: 'address',
      responsive: SECONDARY,
      render: (_: unknown, a) => [a.province, a.city, a.district].filter(Boolean).join(' '),
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
      title: t('accounts.updatedAt'),
      dataIndex: 'updatedAt',
      responsive: SECONDARY,
      render: (at: string) => formatDateTime(at, i18n.language),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('accounts.title')}>
        {canWrite && (
          <Link to="/accounts/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('accounts.new')}
            </Button>
          </Link>
        )}
      </PageHeader>
      <Flex wrap gap={8}>
        <Input.Search
          allowClear
          placeholder={t('accounts.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => filter({ q: q.trim() || undefined })}
          enterButton={t('common.search')}
          style={{ width: 340, maxWidth: '100%' }}
        />
        <Select
          value={filters.status ?? 'active'}
          onChange={(status: string) => filter({ status })}
          options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.statuses.${s}`) }))}
          style={{ width: 140, maxWidth: '100%' }}
          aria-label={t('accounts.status')}
        />
        {canReadUsers && (
          <UserSelect
            placeholder={t('accounts.anyOwner')}
            value={filters.ownerId}
            onChange={(ownerId) => filter({ ownerId: ownerId ?? undefined })}
            style={{ width: 220, maxWidth: '100%' }}
          />
        )}
      </Flex>
      {accounts.error && <Alert type="error" showIcon title={errorText(t, accounts.error)} />}
      <Table<Account>
        rowKey="id"
        columns={columns}
        dataSource={accounts.data?.items}
        loading={accounts.isFetching}
        scroll={useTableScroll<Account>({ x: 'max-content' })}
        size="middle"
        onRow={(account) => ({
          onClick: () => void navigate(`/accounts/${account.id}`),
          style: { cursor: 'pointer' },
        })}
        pagination={tablePagination(t, filters, accounts.data?.total ?? 0, (paging) =>
          setFilters((f) => ({ ...f, ...paging })),
        )}
      />
    </Space>
  );
}
