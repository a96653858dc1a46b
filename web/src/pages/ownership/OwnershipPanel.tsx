import {
  EditOutlined,
  LockOutlined,
  RollbackOutlined,
  SwapOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  List,
  Modal,
  Popconfirm,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnershipClaim } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { errorText, loose } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { DecisionModal } from '../decisions/DecisionModal.js';
import { useOwnership, useOwnershipMutations } from './ownership.api.js';
import { ClaimKindTag, DeadlineText } from './ownershipTags.js';
import { TeamEditModal } from './TeamEditModal.js';
import { TransferModal } from './TransferModal.js';

/**
 * Who holds the customer and until when, its team with their credit shares, and every earlier holder with
 * the decision that moved it; release, lock and unlock for those who may write (the server has the last word).
 */
export function OwnershipPanel({
  accountId,
  accountName,
  canWrite,
}: {
  accountId: string;
  accountName: string;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lt = loose(t);
  const { message } = App.useApp();
  const ownership = useOwnership(accountId);
  const { release, lock, unlock } = useOwnershipMutations(accountId);
  const [releasing, setReleasing] = useState(false);
  const [reason, setReason] = useState('');
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const canTransfer = useCan('ownership:transfer');
  const [transferring, setTransferring] = useState(false);
  const [editingTeam, setEditingTeam] = useState(false);
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);

  if (ownership.isPending) {
    return (
      <Card size="small" title={t('ownership.panel.title')}>
        <Skeleton active />
      </Card>
    );
  }
  if (ownership.error) {
    return (
      <Card size="small" title={t('ownership.panel.title')}>
        <Alert type="error" showIcon title={errorText(t, ownership.error)} />
      </Card>
    );
  }
  const o = ownership.data;
  const current = o.current && o.current.holder.type !== 'pool' ? o.current : null;
  const holderName = (c: OwnershipClaim) =>
    c.holder.name ?? (c.holder.type === 'pool' ? t('ownership.deadline.aPool') : t('ownership.panel.hidden'));
  const done = (text: string) => () => void message.success(text);
  const failed = (error: unknown) => void message.error(errorText(t, error));

  const actions = canWrite && current && (
    <Flex gap={8} wrap>
      {current.kind === 'locked' ? (
        <Popconfirm
          title={t('ownership.panel.unlockConfirm')}
          okText={t('ownership.panel.unlock')}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            void unlock.mutateAsync(undefined).then(done(t('ownership.panel.unlocked')), failed);
          }}
        >
          <Button size="small" icon={<UnlockOutlined />} loading={unlock.isPending} data-testid="unlock">
            {t('ownership.panel.unlock')}
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={t('ownership.panel.lockConfirm')}
          okText={t('ownership.panel.lock')}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            void lock.mutateAsync(undefined).then(done(t('ownership.panel.locked')), failed);
          }}
        >
          <Button size="small" icon={<LockOutlined />} loading={lock.isPending} data-testid="lock">
            {t('ownership.panel.lock')}
          </Button>
        </Popconfirm>
      )}
      {canTransfer && (
        <Button
          size="small"
          icon={<SwapOutlined />}
          onClick={() => setTransferring(true)}
          data-testid="transfer"
        >
          {t('ownershipAdmin.transfer.button')}
        </Button>
      )}
      <Button
        size="small"
        danger
        icon={<RollbackOutlined />}
        onClick={() => setReleasing(true)}
        data-testid="release"
      >
        {t('ownership.panel.release')}
      </Button>
    </Flex>
  );

  return (
    <Card size="small" title={t('ownership.panel.title')} extra={actions} data-testid="ownership-panel">
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          styles={{ content: { wordBreak: 'break-word' } }}
          items={[
            {
              key: 'owner',
              label: t('ownership.panel.owner'),
              children: current ? holderName(current) : t('ownership.panel.unowned'),
            },
            {
              key: 'kind',
              label: t('ownership.panel.kind'),
              children: o.current ? <ClaimKindTag kind={o.current.kind} /> : '—',
            },
            {
              key: 'deadline',
              label: t('ownership.panel.deadline'),
              children: <DeadlineText deadline={o.deadline} />,
            },
          ]}
        />
        <div>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{t('ownership.panel.team')}</Typography.Text>
            {canWrite && (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => setEditingTeam(true)}
                data-testid="edit-team"
              >
                {t('ownershipAdmin.team.edit')}
              </Button>
            )}
          </Flex>
          {o.team.length === 0 ? (
            <div>
              <Typography.Text type="secondary">{t('ownership.panel.noTeam')}</Typography.Text>
            </div>
          ) : (
            <List
              size="small"
              dataSource={o.team}
              renderItem={(m) => (
                <List.Item key={`${m.userId}-${m.role}`} data-testid="team-member">
                  <Flex gap={8} wrap align="center">
                    <Typography.Text>{m.name ?? t('ownership.panel.hidden')}</Typography.Text>
                    <Tag>{t(`ownership.teamRoles.${m.role}`)}</Tag>
                    <Typography.Text type="secondary">
                      {t('ownership.panel.credit', {
                        percent: (m.creditBp / 100).toFixed(m.creditBp % 100 ? 2 : 0),
                      })}
                    </Typography.Text>
                    {m.until && (
                      <Typography.Text type="secondary">
                        {t('ownership.panel.until', { date: m.until })}
                      </Typography.Text>
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </div>
        <div>
          <Typography.Text strong>{t('ownership.panel.history')}</Typography.Text>
          <List
            size="small"
            dataSource={o.history}
            renderItem={(c) => (
              <List.Item key={c.id} data-testid="ownership-history">
                <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                      {holderName(c)}
                    </Typography.Text>
                    <Tag>{lt(`ownership.vias.${c.via}`, { defaultValue: c.via })}</Tag>
                    <ClaimKindTag kind={c.kind} />
                  </Flex>
                  <Typography.Text type="secondary">
                    {when(c.startedAt)} → {c.endedAt ? when(c.endedAt) : t('ownership.panel.now')}
                  </Typography.Text>
                  {c.endReason && (
                    <Typography.Text type="secondary">
                      {t('ownership.panel.endReason')}:{' '}
                      {lt(`ownership.vias.${c.endReason}`, { defaultValue: c.endReason })}
                    </Typography.Text>
                  )}
                  {c.decisionId && (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0, alignSelf: 'flex-start' }}
                      onClick={() => setDecisionId(c.decisionId)}
                      data-testid="ownership-decision"
                    >
                      {t('ownership.panel.decision')}
                    </Button>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </div>
      </Flex>
      <Modal
        open={releasing}
        title={t('ownership.panel.releaseTitle')}
        okText={t('ownership.panel.release')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: release.isPending }}
        onCancel={() => setReleasing(false)}
        onOk={() => {
          const body = o.deadline
            ? { poolId: o.deadline.poolId, reason: reason.trim() }
            : { reason: reason.trim() };
          release.mutate(body, {
            onSuccess: () => {
              void message.success(t('ownership.panel.released'));
              setReleasing(false);
              setReason('');
            },
            onError: failed,
          });
        }}
        destroyOnHidden
      >
        <Flex vertical gap={8}>
          <Typography.Text>
            {t('ownership.panel.releaseTo', { pool: o.deadline?.poolName ?? t('ownership.deadline.aPool') })}
          </Typography.Text>
          <Input.TextArea
            aria-label={t('ownership.panel.reason')}
            placeholder={t('ownership.panel.reasonRequired')}
            value={reason}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => setReason(e.target.value)}
            data-testid="release-reason"
          />
        </Flex>
      </Modal>
      <DecisionModal id={decisionId} onClose={() => setDecisionId(null)} />
      <TransferModal
        open={transferring}
        accounts={[{ id: accountId, name: accountName }]}
        onClose={() => setTransferring(false)}
      />
      <TeamEditModal
        open={editingTeam}
        accountId={accountId}
        team={o.team}
        ownerId={current?.holder.type === 'user' ? current.holder.id : undefined}
        onClose={() => setEditingTeam(false)}
      />
    </Card>
  );
}
