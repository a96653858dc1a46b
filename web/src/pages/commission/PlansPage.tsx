import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { errorText } from '../../i18n/errorText.js';
import { usePlans, type Plan } from './plans.api.js';

export const PLAN_STATUS_COLORS = { draft: 'default', active: 'green', retired: 'red' } as const;

/** Commission plans in the caller's sight: code, name, whom they pay, status, version in force, payees. */
export function PlansPage() {
  const { t } = useTranslation();
  const canConfigure = useCan('commission:configure');
  const [paging, setPaging] = useState({ limit: 50, offset: 0 });
  const list = usePlans(paging);
  const columns: TableColumnsType<Plan> = [
    {
      title: t('commissionPlans.code'),
      dataIndex: 'code',
      render: (code: string, p) => <Link to={`/commission/plans/${p.id}`}>{code}</Link>,
    },
    { title: t('commissionPlans.name'), dataIndex: 'name' },
    {
      title: t('commissionPlans.payeeType'),
      dataIndex: 'payeeType',
      responsive: SECONDARY,
      render: (v: Plan['payeeType']) => t(`commissionPlans.payeeTypes.${v}`),
    },
    {
      title: t('commissionPlans.status'),
      dataIndex: 'status',
      render: (v: Plan['status']) => (
        <Tag color={PLAN_STATUS_COLORS[v]}>{t(`commissionPlans.statuses.${v}`)}</Tag>
      ),
    },
    {
      title: t('commissionPlans.inForce'),
      dataIndex: 'currentVersion',
      responsive: SECONDARY,
      render: (v: number | null) =>
        v === null ? t('commissionPlans.noneInForce') : t('commissionPlans.versionN', { version: v }),
    },
    { title: t('commissionPlans.payees'), dataIndex: 'payeeCount', responsive: SECONDARY, align: 'right' },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('commissionPlans.title')}>
        {canConfigure && (
          <Link to="/commission/plans/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('commissionPlans.new')}
            </Button>
          </Link>
        )}
      </PageHeader>
      {list.error && <Typography.Text type="danger">{errorText(t, list.error)}</Typography.Text>}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        locale={{ emptyText: t('commissionPlans.empty') }}
        pagination={tablePagination(t, paging, list.data?.total ?? 0, setPaging)}
      />
    </Space>
  );
}
