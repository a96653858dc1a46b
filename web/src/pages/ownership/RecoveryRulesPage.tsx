import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Empty,
  Flex,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryRule } from '../../api/types.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SECONDARY, useTableScroll } from '../../components/responsiveTable.js';
import { errorText } from '../../i18n/errorText.js';
import { useRecoveryRuleMutations, useRecoveryRules } from './ownershipAdmin.api.js';
import { RecoveryRuleFormModal } from './RecoveryRuleFormModal.js';

/** Sales ops' recovery rules in order: what returns a customer to which pool; new, edit, disable, enable. */
export function RecoveryRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useRecoveryRules();
  const { update } = useRecoveryRuleMutations();
  const [editing, setEditing] = useState<RecoveryRule | 'new' | null>(null);
  const scroll = useTableScroll<RecoveryRule>({ x: 900 });

  const toggle = (rule: RecoveryRule) =>
    update.mutate(
      { id: rule.id, body: { active: !rule.active } },
      {
        onSuccess: (saved) =>
          void message.success(
            t(saved.active ? 'ownershipAdmin.rules.enabled' : 'ownershipAdmin.rules.disabled', {
              name: saved.name,
            }),
          ),
        onError: (error) => void message.error(errorText(t, error)),
      },
    );

  const columns: TableColumnsType<RecoveryRule> = [
    { key: 'position', title: t('ownershipAdmin.rules.position'), width: 70, render: (_, r) => r.position },
    {
      key: 'rule',
      title: t('ownershipAdmin.rules.name'),
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong style={{ wordBreak: 'break-word' }} data-testid="rule-name">
              {r.name}
            </Typography.Text>
            {r.grade && <Tag>{r.grade}</Tag>}
            {!r.active && <Tag>{t('ownershipAdmin.rules.inactive')}</Tag>}
          </Flex>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
            {t('ownershipAdmin.rules.summary', {
              trigger: t(`ownershipAdmin.rules.triggers.${r.trigger}`),
              days: r.days,
              pool: r.poolName ?? t('ownership.deadline.aPool'),
            })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'details',
      title: t('ownershipAdmin.rules.exemptions'),
      responsive: SECONDARY,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <Tag>{t(`ownershipAdmin.rules.scopes.${r.scope}`)}</Tag>
          {r.followUpKinds.map((k) => (
            <Tag key={k}>{t(`followUps.kinds.${k}`)}</Tag>
          ))}
          {r.remindDays.length > 0 && (
            <Tag>{t('ownershipAdmin.rules.reminders', { days: r.remindDays.join('/') })}</Tag>
          )}
          {r.escalateDays !== null && (
            <Tag>{t('ownershipAdmin.rules.escalation', { days: r.escalateDays })}</Tag>
          )}
          {r.exemptWon && <Tag>{t('ownershipAdmin.rules.exemptWon')}</Tag>}
          {r.exemptOpenOpportunity && <Tag>{t('ownershipAdmin.rules.exemptOpenOpportunity')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('ownershipAdmin.rules.edit')}
            onClick={() => setEditing(r)}
            data-testid="edit-rule"
          />
          {r.active ? (
            <Popconfirm
              title={t('ownershipAdmin.rules.disableConfirm')}
              okText={t('ownershipAdmin.rules.disable')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggle(r)}
            >
              <Button size="small" danger data-testid="disable-rule">
                {t('ownershipAdmin.rules.disable')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => toggle(r)} data-testid="enable-rule">
              {t('ownershipAdmin.rules.enable')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('ownershipAdmin.rules.title')}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="new-rule"
        >
          {t('ownershipAdmin.rules.new')}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('ownershipAdmin.rules.intro')}
      </Typography.Paragraph>
      {rules.error && <Typography.Text type="danger">{errorText(t, rules.error)}</Typography.Text>}
      <Table<RecoveryRule>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rules.data ?? []}
        loading={rules.isFetching}
        scroll={scroll}
        pagination={false}
        locale={{ emptyText: <Empty description={t('ownershipAdmin.rules.empty')} /> }}
        data-testid="recovery-rules"
      />
      <RecoveryRuleFormModal
        open={editing !== null}
        rule={editing === 'new' || editing === null ? undefined : editing}
        rules={rules.data ?? []}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}
