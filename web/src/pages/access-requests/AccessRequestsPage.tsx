import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Popconfirm,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AccessRequest } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import {
  ACCESS_REQUEST_FILTERS,
  filterQuery,
  requestActions,
  type AccessRequestFilter,
} from './accessRequestFilter.js';
import { useAccessRequestMutations, useAccessRequests } from './accessRequests.api.js';
import { DecideModal } from './DecideModal.js';

const STATUS_COLORS: Record<AccessRequest['status'], string> = {
  open: 'processing',
  granted: 'success',
  denied: 'error',
  withdrawn: 'default',
};

/**
 * Requests for customers held out of the requester's sight: one's own, and — for managers, sales ops and
 * admins — those waiting on them. Cards rather than a table, so a phone shows them whole.
 */
export function AccessRequestsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canDecide = useCan('access:decide');
  const [filter, setFilter] = useState<AccessRequestFilter>(canDecide ? 'open' : 'mine');
  const [paging, setPaging] = useState({ limit: 20, offset: 0 });
  const list = useAccessRequests({ ...filterQuery(filter), ...paging });
  const { withdraw } = useAccessRequestMutations();
  const [deciding, setDeciding] = useState<{ request: AccessRequest; decision: 'grant' | 'deny' } | null>(
    null,
  );

  const when = (iso: string | null) => formatDateTime(iso, i18n.language);

  const item = (r: AccessRequest) => {
    const actions = requestActions(r, canDecide);
    return (
      <List.Item key={r.id}>
        <Card size="small" style={{ width: '100%' }} data-testid="access-request" data-status={r.status}>
          <Flex vertical gap={6}>
            <Flex gap={8} wrap align="center">
              <Tag color={STATUS_COLORS[r.status]}>{t(`accessRequests.statuses.${r.status}`)}</Tag>
              <Tag color={r.kind === 'conflict' ? 'volcano' : 'blue'}>
                {t(`accessRequests.kinds.${r.kind}`)}
              </Tag>
              {r.mine && <Tag>{t('accessRequests.mine')}</Tag>}
            </Flex>
            <Typography.Text strong style={{ wordBreak: 'break-word' }}>
              {r.account ? (
                <Link to={`/accounts/${r.account.id}`}>{r.account.legalName}</Link>
              ) : (
                t('accessRequests.hiddenCustomer')
              )}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
              {t('accessRequests.typedAs', { name: r.customerName })}
            </Typography.Text>
            <Typography.Text>
              {t('accessRequests.requester')}: {r.requester.displayName} · {when(r.createdAt)}
            </Typography.Text>
            {r.account?.owner && (
              <Typography.Text>
                {t('accessRequests.owner')}: {r.account.owner.displayName}
              </Typography.Text>
            )}
            {r.note && (
              <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }}>
                {t('accessRequests.note')}: {r.note}
              </Typography.Paragraph>
            )}
            {r.decidedAt && (
              <Typography.Text type="secondary">
                {r.decidedBy
                  ? t('accessRequests.decidedBy', { name: r.decidedBy.displayName, at: when(r.decidedAt) })
                  : t('accessRequests.decidedAt', { at: when(r.decidedAt) })}
                {r.decisionNote ? ` — ${r.decisionNote}` : ''}
              </Typography.Text>
            )}
            {(actions.decide || actions.withdraw) && (
              <Flex gap={8} wrap>
                {actions.decide && (
                  <>
                    <Button
                      type="primary"
                      size="small"
                      onClick={() => setDeciding({ request: r, decision: 'grant' })}
                      data-testid="grant-access"
                    >
                      {t('accessRequests.grant')}
                    </Button>
                    <Button
                      danger
                      size="small"
                      onClick={() => setDeciding({ request: r, decision: 'deny' })}
                      data-testid="deny-access"
                    >
                      {t('accessRequests.deny')}
                    </Button>
                  </>
                )}
                {actions.withdraw && (
                  <Popconfirm
                    title={t('accessRequests.withdrawConfirm')}
                    okText={t('accessRequests.withdraw')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => {
                      void withdraw.mutateAsync(r.id).then(
                        () => void message.success(t('accessRequests.withdrawn')),
                        (error: unknown) => void message.error(errorText(t, error)),
                      );
                    }}
                  >
                    <Button size="small">{t('accessRequests.withdraw')}</Button>
                  </Popconfirm>
                )}
              </Flex>
            )}
          </Flex>
        </Card>
      </List.Item>
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('accessRequests.title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('accessRequests.intro')}
      </Typography.Paragraph>
      <Segmented<AccessRequestFilter>
        value={filter}
        onChange={(next) => {
          setFilter(next);
          setPaging((p) => ({ ...p, offset: 0 }));
        }}
        options={ACCESS_REQUEST_FILTERS.map((f) => ({ value: f, label: t(`accessRequests.filters.${f}`) }))}
      />
      {list.error && <Alert type="error" showIcon title={errorText(t, list.error)} />}
      <List<AccessRequest>
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        renderItem={item}
        locale={{ emptyText: <Empty description={t('accessRequests.empty')} /> }}
        pagination={
          (list.data?.total ?? 0) > paging.limit
            ? {
                current: Math.floor(paging.offset / paging.limit) + 1,
                pageSize: paging.limit,
                total: list.data?.total ?? 0,
                onChange: (page, size) => setPaging({ limit: size, offset: (page - 1) * size }),
                showTotal: (count) => t('common.total', { count }),
              }
            : false
        }
        data-testid="access-requests"
      />
      <DecideModal
        request={deciding?.request ?? null}
        decision={deciding?.decision ?? 'grant'}
        onClose={() => setDeciding(null)}
      />
    </Space>
  );
}
