import { UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Empty, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, AccountMerge } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { errorText } from '../../i18n/errorText.js';
import { formatDateTime } from '../../i18n/format.js';
import { AccountLink } from './AccountLink.js';
import { useAccountMerges, useAccountMutations } from './accounts.api.js';
import { MergeDeltaView } from './MergeDeltaView.js';

const FIELDS = ['reason'] as const;

function UnmergeModal(props: { merge: AccountMerge | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useFormErrors(form, FIELDS);
  const { unmerge } = useAccountMutations();
  useEffect(() => {
    if (!props.merge) return;
    errors.clear();
    form.resetFields();
  }, [props.merge, form, errors.clear]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!props.merge) return;
    try {
      const { restored } = await unmerge.mutateAsync({ mergeId: props.merge.id, reason: reason.trim() });
      void message.success(t('merge.unmerged', { name: restored.legalName }));
      props.onClose();
    } catch (error) {
      errors.show(error);
    }
  };

  return (
    <Modal
      open={props.merge !== null}
      title={t('merge.unmerge')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('merge.unmerge')}
      cancelText={t('common.cancel')}
      confirmLoading={unmerge.isPending}
      forceRender
    >
      <Alert type="info" showIcon title={t('merge.unmergeIntro')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" name="unmerge" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('merge.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      <FormAlert message={errors.alert} placement="bottom" />
    </Modal>
  );
}

/** The merges an account took part in, newest first, each with its delta; live ones can be undone. */
export function MergeHistory({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const canMerge = useCan('accounts:merge');
  const merges = useAccountMerges(account.id);
  const [undoing, setUndoing] = useState<AccountMerge | null>(null);

  if (merges.error) return <Alert type="error" showIcon title={errorText(t, merges.error)} />;
  if (merges.data?.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('merge.noHistory')} />;
  }

  const items = (merges.data ?? []).map((merge) => {
    const survived = merge.survivorId === account.id;
    // Null when the caller may not see the other account (or the values came from an import).
    const other = survived ? merge.mergedId : merge.survivorId;
    const live = merge.unmergedAt === null;
    return {
      key: merge.id,
      label: (
        <Flex vertical gap={2} data-testid="merge-history-item">
          <Flex gap={6} wrap align="center">
            {other && <AccountLink id={other} />}
            <Typography.Text>{survived ? t('merge.mergedFrom') : t('merge.mergedTo')}</Typography.Text>
            {!live && <Tag>{t('merge.undone', { at: formatDateTime(merge.unmergedAt, i18n.language) })}</Tag>}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('merge.mergedAt', { at: formatDateTime(merge.mergedAt, i18n.language) })} · {merge.reason}
          </Typography.Text>
        </Flex>
      ),
      extra:
        canMerge && live ? (
          <Button
            size="small"
            icon={<UndoOutlined />}
            data-testid="unmerge"
            onClick={(event) => {
              event.stopPropagation();
              setUndoing(merge);
            }}
          >
            {t('merge.unmerge')}
          </Button>
        ) : null,
      children: <MergeDeltaView delta={merge.delta} />,
    };
  });

  return (
    <>
      <Collapse items={items} size="small" />
      <UnmergeModal merge={undoing} onClose={() => setUndoing(null)} />
    </>
  );
}
