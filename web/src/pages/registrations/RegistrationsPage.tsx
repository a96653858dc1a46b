import { PlusOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Registration, RegistrationStatus } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { formatAmount } from '../activities/money.js';
import { AvailabilityCheck } from './AvailabilityCheck.js';
import { ProtectionCountdown, RegistrationStatusTag } from './RegistrationBits.js';
import { useRegistrations } from './registrations.api.js';
import { REGISTRATION_STATUS_LIST } from './registrationStatus.js';

/**
 * The partner portal's home: register a deal, ask whether a customer is available, follow one's
 * registrations with their protection countdowns; links to the partner's customers and people.
 */
export function RegistrationsPage() {
  const { t } = useTranslation();
  const canSubmit = useCan('registrations:submit');
  const canReadUsers = useCan('users:read');
  const [status, setStatus] = useState<RegistrationStatus | undefined>();
  const [paging, setPaging] = useState({ limit: 20, offset: 0 });
  const list = useRegistrations({ ...paging, status });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('registrations.mine')}>
        {canSubmit && (
          <Link to="/registrations/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="new-registration">
              {t('registrations.register')}
            </Button>
          </Link>
        )}
      </PageHeader>
      <Flex gap={8} wrap>
        <Link to="/accounts">
          <Button icon={<TeamOutlined />}>{t('registrations.portal.myCustomers')}</Button>
        </Link>
        {canReadUsers && (
          <Link to="/users">
            <Button icon={<UserOutlined />}>{t('registrations.portal.myUsers')}</Button>
          </Link>
        )}
      </Flex>
      {canSubmit && <AvailabilityCheck />}
      <Select
        allowClear
        placeholder={t('registrations.portal.anyStatus')}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPaging((p) => ({ ...p, offset: 0 }));
        }}
        options={REGISTRATION_STATUS_LIST.map((s) => ({ value: s, label: t(`registrations.statuses.${s}`) }))}
        style={{ minWidth: 160, maxWidth: '100%' }}
        data-testid="status-filter"
      />
      <RegistrationTable
        items={list.data?.items ?? []}
        loading={list.isPending}
        pagination={tablePagination(t, paging, list.data?.total ?? 0, setPaging)}
      />
    </Space>
  );
}

/** Registrations with their status and protection; the customer and deal lead to the registration's page. */
export function RegistrationTable(props: {
  items: Registration[];
  loading: boolean;
  pagination?: ReturnType<typeof tablePagination> | false;
  extra?: TableColumnsType<Registration>;
}) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<Registration> = [
    {
      title: t('registrations.fields.legalName'),
      key: 'customer',
      render: (_: unknown, r) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Link
            to={`/registrations/${r.id}`}
            style={{ wordBreak: 'break-word' }}
            data-testid="registration-link"
          >
            {r.customer.legalName}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {r.name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('registrations.fields.status'),
      key: 'status',
      render: (_: unknown, r) => (
        <Flex vertical gap={4} align="flex-start">
          <RegistrationStatusTag status={r.status} />
          {r.daysLeft !== null && <ProtectionCountdown registration={r} />}
        </Flex>
      ),
    },
    {
      title: t('registrations.portal.amount'),
      key: 'amount',
      responsive: SECONDARY,
      render: (_: unknown, r) => formatAmount(r.amount, r.currency, i18n.language),
    },
    {
      title: t('registrations.fields.expectedClose'),
      dataIndex: 'expectedClose',
      responsive: SECONDARY,
    },
    ...(props.extra ?? []),
  ];
  return (
    <Table<Registration>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      locale={{ emptyText: t('registrations.portal.empty') }}
      pagination={props.pagination ?? false}
      data-testid="registrations"
    />
  );
}
