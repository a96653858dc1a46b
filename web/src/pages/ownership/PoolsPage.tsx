import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PooledAccount } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { tablePagination } from '../../components/tablePagination.js';
import { useDebouncedValue } from '../../components/useDebouncedValue.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { DistributeModal } from './DistributeModal.js';
import { useClaim, usePoolAccounts, usePools } from './ownership.api.js';

/**
 * Pools (公海): pick one, find a customer by name, claim it. Contacts are masked until claimed; a claim
 * lost to someone faster, or refused by a limit, cool-down, embargo or priority window, says so in the reader's
 * language; a pool with a priority window says who may claim during it. A pool's admins select customers and
 * distribute them to a person.
 */
export function PoolsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const pools = usePools();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const [paging, setPaging] = useState({ limit: 20, offset: 0 });
  const poolId = picked ?? pools.data?.[0]?.id;
  const pool = pools.data?.find((p) => p.id === poolId);
  const accounts = usePoolAccounts(poolId, { q: q || undefined, ...paging });
  const claim = useClaim();
  const [claiming, setClaiming] = useState<string | null>(null);
  const scroll = useTableScroll<PooledAccount>({ x: 800 });
  const [selected, setSelected] = useState<string[]>([]);
  const [distributing, setDistributing] = useState(false);
  const when = (iso: string) => formatDateTime(iso, i18n.language);

  const onClaim = (a: PooledAccount) => {
    if (!poolId) return;
    setClaiming(a.id);
    claim.mutate(
      { poolId, accountId: a.id },
      {
        onSuccess: () => void message.success(t('ownership.pools.claimed', { name: a.legalName })),
        onError: (error) => void message.error(errorText(t, error)),
        onSettled: () => setClaiming(null),
      },
    );
  };

  const columns: TableColumnsType<PooledAccount> = [
    {
      key: 'name',
      title: t('ownership.pools.customer'),
      render: (_, a) => {
        const embargoed = new Date(a.claimableFrom).getTime() > Date.now();
        return (
          <Flex vertical gap={2}>
            <Typography.Text strong style={{ wordBreak: 'break-word' }} data-testid="pooled-account">
              {a.legalName}
            </Typography.Text>
            <Flex gap={4} wrap>
              {a.grade && <Tag>{a.grade}</Tag>}
              {a.formerHolder && <Tag color="orange">{t('ownership.pools.formerHolder')}</Tag>}
              {a.priorityUntil && new Date(a.priorityUntil).getTime() > Date.now() && (
                <Tag color="blue">{t('ownership.pools.priorityUntil', { at: when(a.priorityUntil) })}</Tag>
              )}
              {embargoed && (
                <Tag color="default">{t('ownership.pools.claimableFrom', { at: when(a.claimableFrom) })}</Tag>
              )}
            </Flex>
          </Flex>
        );
      },
    },
    {
      key: 'phones',
      title: t('ownership.pools.phones'),
      responsive: SECONDARY,
      render: (_, a) => a.phones.join(', ') || '—',
    },
    {
      key: 'pooledAt',
      title: t('ownership.pools.pooledAt'),
      responsive: SECONDARY,
      width: 180,
      render: (_, a) => when(a.pooledAt),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, a) => (
        <Button
          type="primary"
          size="small"
          disabled={!pool?.member}
          loading={claiming === a.id}
          onClick={() => onClaim(a)}
          data-testid="claim"
        >
          {t('ownership.pools.claim')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('ownership.pools.title')}>
        <Link to="/my-customers">
          <Button>{t('ownership.mine.title')}</Button>
        </Link>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('ownership.pools.intro')}
      </Typography.Paragraph>
      {pools.error && <Alert type="error" showIcon title={errorText(t, pools.error)} />}
      {pools.data && pools.data.length === 0 ? (
        <Empty description={t('ownership.pools.noPools')} />
      ) : (
        <>
          <Flex gap={8} wrap>
            <Select
              aria-label={t('ownership.pools.pick')}
              style={{ minWidth: 200, flex: '1 1 200px', maxWidth: 360 }}
              loading={pools.isPending}
              value={poolId}
              onChange={(id: string) => {
                setPicked(id);
                setSelected([]);
                setPaging((p) => ({ ...p, offset: 0 }));
              }}
              options={(pools.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.name} · ${t('ownership.pools.size', { count: p.size })}`,
              }))}
              data-testid="pool-select"
            />
            <Input.Search
              allowClear
              placeholder={t('ownership.pools.search')}
              style={{ flex: '1 1 200px', maxWidth: 360 }}
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPaging((p) => ({ ...p, offset: 0 }));
              }}
              data-testid="pool-search"
            />
            {pool?.admin && (
              <Button
                disabled={selected.length === 0}
                title={selected.length === 0 ? t('ownershipAdmin.distribute.select') : undefined}
                onClick={() => setDistributing(true)}
                data-testid="distribute"
              >
                {t('ownershipAdmin.distribute.button')}
                {selected.length > 0 && ` (${selected.length})`}
              </Button>
            )}
          </Flex>
          {pool && !pool.member && <Alert type="info" showIcon title={t('ownership.pools.notMember')} />}
          {pool?.priorityWindow && (
            <Typography.Text type="secondary" data-testid="pool-priority-window">
              {t('ownership.pools.priorityWindow', {
                hours: pool.priorityWindow.hours,
                measure: t(`ownership.pools.measures.${pool.priorityWindow.measure}`),
                top:
                  pool.priorityWindow.topN ??
                  t('ownership.pools.priorityTopPercent', { percent: pool.priorityWindow.topPercent }),
              })}
            </Typography.Text>
          )}
          {accounts.error && <Alert type="error" showIcon title={errorText(t, accounts.error)} />}
          <Table<PooledAccount>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={accounts.data?.items ?? []}
            loading={accounts.isFetching}
            scroll={scroll}
            locale={{ emptyText: <Empty description={t('ownership.pools.empty')} /> }}
            pagination={tablePagination(t, paging, accounts.data?.total ?? 0, setPaging)}
            rowSelection={
              pool?.admin
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    preserveSelectedRowKeys: true,
                  }
                : undefined
            }
            data-testid="pool-accounts"
          />
          <DistributeModal
            open={distributing}
            poolId={poolId}
            accountIds={selected}
            onClose={(done) => {
              setDistributing(false);
              if (done) setSelected([]);
            }}
          />
        </>
      )}
    </Space>
  );
}
