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
import { DecisionModal } from '../decisions/DecisionModal.js';
import { ImportRef } from '../imports/ImportRef.js';

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
      // Values folded in from an import have no account to bring back.
      void message.success(
        restored ? t('merge.unmerged', { name: restored.legalName }) : t('merge.importTakenBack'),
      );
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

type SubjectText = 'merge.mergedTo' | 'merge.mergedToHidden' | 'merge.mergedFrom' | 'merge.mergedFromHidden';

/**
 * Who the merge was with, as far as the reader may see: the other customer, the import rows the values came
 * from, or only that there was someone (a customer or an import out of the reader's sight).
 */
function MergeSubject({ merge, accountId }: { merge: AccountMerge; accountId: string }) {
  const { t } = useTranslation();
  const text = (key: SubjectText) => <Typography.Text>{t(key)}</Typography.Text>;
  if (merge.survivorId !== accountId) {
    return merge.survivorId ? (
      <>
        <AccountLink id={merge.survivorId} />
        {text('merge.mergedTo')}
      </>
    ) : (
      text('merge.mergedToHidden')
    );
  }
  if (merge.mergedId) {
    return (
      <>
        <AccountLink id={merge.mergedId} />
        {text('merge.mergedFrom')}
      </>
    );
  }
  if (merge.source) {
    return (
      <>
        <ImportRef importId={merge.source.importId} lines={merge.source.lines} />
        {text('merge.mergedFrom')}
      </>
    );
  }
  // A customer out of sight and an import out of sight look alike here: the reply names neither.
  return text('merge.mergedFromHidden');
}

/**
 * The merges an account took part in, newest first, each with what it moved (to those who may see where it
 * came from) and the decision behind it; live ones can be undone by those who may merge.
 */
export function MergeHistory({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const canMerge = useCan('accounts:merge');
  const merges = useAccountMerges(account.id);
  const [undoing, setUndoing] = useState<AccountMerge | null>(null);
  const [decisionId, setDecisionId] = useState<string | null>(null);

  if (merges.error) return <Alert type="error" showIcon title={errorText(t, merges.error)} />;
  if (merges.data?.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('merge.noHistory')} />;
  }

  const items = (merges.data ?? []).map((merge) => {
    const live = merge.unmergedAt === null;
    const mergedAt = t('merge.mergedAt', { at: formatDateTime(merge.mergedAt, i18n.language) });
    // An import writes "import <file> (<id>)" as the reason of what it folds in, in English: the import
    // named above says it in the reader's language.
    const reason = merge.source ? null : merge.reason;
    return {
      key: merge.id,
      label: (
        <Flex vertical gap={2} data-testid="merge-history-item">
          <Flex gap={6} wrap align="center">
            <MergeSubject merge={merge} accountId={account.id} />
            {!live && <Tag>{t('merge.undone', { at: formatDateTime(merge.unmergedAt, i18n.language) })}</Tag>}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {reason ? `${mergedAt} · ${reason}` : mergedAt}
          </Typography.Text>
        </Flex>
      ),
      // Un-merging needs the surviving account in sight: the server refuses it otherwise.
      extra:
        canMerge && live && merge.survivorId ? (
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
      children: (
        <Flex vertical gap={8} align="start">
          {merge.delta ? (
            <MergeDeltaView delta={merge.delta} />
          ) : (
            <Typography.Text type="secondary">{t('merge.withheld')}</Typography.Text>
          )}
          {merge.decisionId && (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              data-testid="merge-decision"
              onClick={() => setDecisionId(merge.decisionId)}
            >
              {t('merge.why')}
            </Button>
          )}
        </Flex>
      ),
    };
  });

  return (
    <>
      <Collapse items={items} size="small" />
      <UnmergeModal merge={undoing} onClose={() => setUndoing(null)} />
      <DecisionModal id={decisionId} onClose={() => setDecisionId(null)} />
    </>
  );
}
