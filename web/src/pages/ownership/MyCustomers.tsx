import { SwapOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MyCustomer } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { useMyCustomers } from './ownership.api.js';
import { ClaimKindTag, DeadlineText } from './ownershipTags.js';
import { TransferModal } from './TransferModal.js';

/**
 * The caller's customers, soonest deadline first (the server's order), each with its countdown in words;
 * those who may hand customers over select some and transfer them.
 */
export function MyCustomers() {
  const { t, i18n } = useTranslation();
  const [paging, setPaging] = useState({ limit: 20, offset: 0 });
  const list = useMyCustomers(paging);
  const scroll = useTableScroll<MyCustomer>({ x: 800 });
  const canTransfer = useCan('ownership:transfer');
  const [selected, setSelected] = useState<MyCustomer[]>([]);
  const [transferring, setTransferring] = useState(false);

  const columns: TableColumnsType<MyCustomer> = [
    {
      key: 'name',
      title: t('ownership.mine.customer'),
      render: (_, c) => (
        <Link to={`/accounts/${c.id}`} style={{ wordBreak: 'break-word' }} data-testid="my-customer">
          {c.legalName}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('ownership.mine.kind'),
      width: 110,
      render: (_, c) => <ClaimKindTag kind={c.kind} />,
    },
    {
      key: 'deadline',
      title: t('ownership.mine.deadline'),
      render: (_, c) => <DeadlineText deadline={c.deadline} />,
    },
    {
      key: 'since',
      title: t('ownership.mine.since'),
      responsive: SECONDARY,
      width: 180,
      render: (_, c) => formatDateTime(c.startedAt, i18n.language),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('ownership.mine.title')}>
        <Flex gap={8} wrap>
          {canTransfer && (
            <Button
              icon={<SwapOutlined />}
              disabled={selected.length === 0}
              title={selected.length === 0 ? t('ownershipAdmin.transfer.select') : undefined}
              onClick={() => setTransferring(true)}
              data-testid="transfer-selected"
            >
              {t('ownershipAdmin.transfer.button')}
              {selected.length > 0 && ` (${selected.length})`}
            </Button>
          )}
          <Link to="/pools">
            <Button>{t('ownership.mine.toPools')}</Button>
          </Link>
        </Flex>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('ownership.mine.intro')}
      </Typography.Paragraph>
      {list.error && <Typography.Text type="danger">{errorText(t, list.error)}</Typography.Text>}
      <Table<MyCustomer>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={scroll}
        locale={{ emptyText: <Empty description={t('ownership.mine.empty')} /> }}
        pagination={tablePagination(t, paging, list.data?.total ?? 0, setPaging)}
        rowSelection={
          canTransfer
            ? {
                selectedRowKeys: selected.map((c) => c.id),
                onChange: (_, rows) => setSelected(rows),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        data-testid="my-customers"
      />
      <TransferModal
        open={transferring}
        accounts={selected.map((c) => ({ id: c.id, name: c.legalName }))}
        onClose={(moved) => {
          setTransferring(false);
          if (moved) setSelected([]);
        }}
      />
    </Space>
  );
}
