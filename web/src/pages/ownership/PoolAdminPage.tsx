import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Pool } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { errorText } from '../../i18n/errorText.js';
import { usePools } from './ownership.api.js';
import { PoolFormModal } from './PoolFormModal.js';

/** The claim rules of a pool in a few words: only the limits it sets. */
export function PoolRuleTags({ pool }: { pool: Pool }) {
  const { t } = useTranslation();
  const tags: [string, string][] = [];
  const add = (key: string, text: string) => tags.push([key, text]);
  if (pool.claimsPerDay !== null) add('day', t('ownershipAdmin.pools.perDay', { count: pool.claimsPerDay }));
  if (pool.maxOwned !== null) add('owned', t('ownershipAdmin.pools.owned', { count: pool.maxOwned }));
  if (pool.maxLocked !== null) add('locked', t('ownershipAdmin.pools.locked', { count: pool.maxLocked }));
  if (pool.countWon) add('won', t('ownershipAdmin.pools.wonCounts'));
  if (pool.cooldownDays > 0) add('cool', t('ownershipAdmin.pools.cooldown', { count: pool.cooldownDays }));
  if (pool.embargoHours > 0) add('embargo', t('ownershipAdmin.pools.embargo', { count: pool.embargoHours }));
  if (pool.dailyViewCap !== null) add('views', t('ownershipAdmin.pools.views', { count: pool.dailyViewCap }));
  if (pool.maskContacts) add('mask', t('ownershipAdmin.pools.masked'));
  return (
    <Flex gap={4} wrap>
      {tags.map(([key, text]) => (
        <Tag key={key} style={{ marginInlineEnd: 0 }}>
          {text}
        </Tag>
      ))}
    </Flex>
  );
}

/** Sales ops' list of pools with their scope and claim rules; new and edit open the pool editor. */
export function PoolAdminPage() {
  const { t } = useTranslation();
  const pools = usePools();
  const [editing, setEditing] = useState<Pool | 'new' | null>(null);
  const scroll = useTableScroll<Pool>({ x: 900 });

  const scope = (p: Pool) => {
    const parts = [
      ...p.regionCodes,
      ...p.excludedRegionCodes.map((c) => `−${c}`),
      ...(p.productLine ? [p.productLine] : []),
    ];
    return parts.length > 0 ? parts.join(' · ') : t('ownershipAdmin.pools.scopeAll');
  };

  const columns: TableColumnsType<Pool> = [
    {
      key: 'name',
      title: t('ownershipAdmin.pools.name'),
      render: (_, p) => (
        <Flex vertical gap={2}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }} data-testid="pool-name">
            {p.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t(`ownershipAdmin.pools.kinds.${p.kind}`)} ·{' '}
            {t('ownershipAdmin.pools.version', { version: p.version })}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'size', title: t('ownershipAdmin.pools.size'), width: 100, render: (_, p) => p.size },
    {
      key: 'scope',
      title: t('ownershipAdmin.pools.scope'),
      responsive: SECONDARY,
      render: (_, p) => <span style={{ wordBreak: 'break-word' }}>{scope(p)}</span>,
    },
    { key: 'rules', title: t('ownershipAdmin.pools.rules'), render: (_, p) => <PoolRuleTags pool={p} /> },
    {
      key: 'actions',
      width: 64,
      render: (_, p) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          aria-label={t('ownershipAdmin.pools.edit')}
          onClick={() => setEditing(p)}
          data-testid="edit-pool"
        />
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('ownershipAdmin.pools.title')}>
        <Flex gap={8} wrap>
          <Link to="/recovery-rules">
            <Button>{t('ownershipAdmin.pools.recoveryRules')}</Button>
          </Link>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="new-pool"
          >
            {t('ownershipAdmin.pools.new')}
          </Button>
        </Flex>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('ownershipAdmin.pools.intro')}
      </Typography.Paragraph>
      {pools.error && <Typography.Text type="danger">{errorText(t, pools.error)}</Typography.Text>}
      <Table<Pool>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={pools.data ?? []}
        loading={pools.isFetching}
        scroll={scroll}
        pagination={false}
        locale={{ emptyText: <Empty description={t('ownershipAdmin.pools.empty')} /> }}
        data-testid="pool-admin"
      />
      <PoolFormModal
        open={editing !== null}
        pool={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}
