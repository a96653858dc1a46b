import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, Permission } from '../../api/types.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SecretModal } from '../../components/SecretModal.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { CreateTokenModal } from './CreateTokenModal.js';
import { useTokenMutations, useTokens } from './tokens.api.js';
import { tokenStatus, type TokenStatus } from './tokenStatus.js';

const STATUS_COLORS: Record<TokenStatus, string> = { active: 'green', revoked: 'red', expired: 'default' };

export function TokensPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const tokens = useTokens();
  const { revoke } = useTokenMutations();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const date = (iso: string | null, empty = '') => (iso ? formatDateTime(iso, i18n.language) : empty);
  const now = Date.now();

  const scroll = useTableScroll<ApiToken>({ x: 'max-content' });
  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      responsive: SECONDARY,
      render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
    },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      responsive: SECONDARY,
      render: (scopes: string[]) => (
        <Space size={[0, 4]} wrap>
          {scopes.map((s) => (
            <Tag key={s}>{t(`permissions.${s as Permission}`, { defaultValue: s })}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('tokens.status'),
      key: 'status',
      render: (_: unknown, token) => {
        const status = tokenStatus(token, now);
        return <Tag color={STATUS_COLORS[status]}>{t(`tokens.${status}`)}</Tag>;
      },
    },
    {
      title: t('tokens.createdAt'),
      dataIndex: 'createdAt',
      responsive: SECONDARY,
      render: (at: string) => date(at),
    },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      responsive: SECONDARY,
      render: (at: string | null) => date(at, t('common.never')),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      responsive: SECONDARY,
      render: (at: string | null) => date(at, t('common.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, token) =>
        tokenStatus(token, now) === 'active' && (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: token.name })}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke.mutate(token.id, {
                onSuccess: () => void message.success(t('tokens.revokedDone', { name: token.name })),
                onError: (error) => void message.error(errorText(t, error)),
              })
            }
          >
            <Button type="link" danger icon={<StopOutlined />}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('tokens.title')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.new')}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('tokens.intro')}
      </Typography.Paragraph>
      {tokens.error && <Alert type="error" showIcon title={errorText(t, tokens.error)} />}
      <Table<ApiToken>
        rowKey="id"
        columns={columns}
        dataSource={tokens.data}
        loading={tokens.isFetching}
        scroll={scroll}
        pagination={false}
        size="middle"
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => setSecret(token.token)}
      />
      <SecretModal
        title={t('tokens.secretTitle')}
        help={t('tokens.secretHelp')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </Space>
  );
}
