import { Alert, App, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useAccountMutations } from './accounts.api.js';
import { DuplicatePanel } from './DuplicatePanel.js';
import { useDuplicateGate } from './useDuplicateGate.js';

export type ArchiveAction = 'archive' | 'restore';

const FIELDS = ['reason'] as const;

/** Archives an active account or restores an archived one; the server wants a reason for the audit log. */
export function ArchiveModal(props: { action: ArchiveAction | null; account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const errors = useFormErrors(form, FIELDS);
  const mutations = useAccountMutations();
  const { action, account } = props;
  // The last action stays on screen while the dialog fades out, after `action` has become null.
  const [shown, setShown] = useState<ArchiveAction>('archive');
  if (action && action !== shown) setShown(action);
  const restoring = shown === 'restore';

  // Restoring runs the duplicate check again: the customer may have been entered anew while archived.
  const gate = useDuplicateGate();

  useEffect(() => {
    if (!action) return;
    errors.clear();
    gate.reset();
    form.resetFields();
  }, [action, form, errors.clear, gate.reset]);

  const submit = async ({ reason }: { reason: string }) => {
    if (!action) return;
    const mutation = mutations[action];
    const saved = await gate.attempt(() => mutation.mutateAsync({ id: account.id, reason: reason.trim() }));
    if (!saved) return;
    const done = action === 'archive' ? 'accounts.archivedDone' : 'accounts.restoredDone';
    void message.success(t(done, { name: saved.legalName }));
    props.onClose();
  };

  return (
    <FormModal
      open={action !== null}
      title={t(restoring ? 'accounts.restoreTitle' : 'accounts.archiveTitle', { name: account.legalName })}
      okText={t(restoring ? 'accounts.restore' : 'accounts.archive')}
      danger={!restoring}
      saving={mutations[shown].isPending}
      form={form}
      errors={errors}
      name="archive"
      onSubmit={submit}
      onClose={props.onClose}
      intro={
        <Alert
          type={restoring ? 'info' : 'warning'}
          showIcon
          title={t(restoring ? 'accounts.restoreIntro' : 'accounts.archiveIntro')}
          style={{ marginBottom: 16 }}
        />
      }
    >
      <Form.Item
        name="reason"
        label={t('accounts.statusReason')}
        extra={t('accounts.statusReasonHelp')}
        rules={[{ required: true, whitespace: true }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      {gate.refused && <DuplicatePanel mode="restore" result={gate.refused} checking={false} />}
    </FormModal>
  );
}
