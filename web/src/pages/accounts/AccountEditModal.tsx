import { MergeCellsOutlined } from '@ant-design/icons';
import { App, Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types.js';
import { useCan } from '../../app/session.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { AccountFields } from './AccountFields.js';
import { ACCOUNT_FORM_FIELDS, toFormValues, toUpdateBody, type AccountFormValues } from './accountForm.js';
import { useAccountMutations } from './accounts.api.js';
import { ConfirmDuplicateModal } from './ConfirmDuplicateModal.js';
import { DuplicatePanel } from './DuplicatePanel.js';
import { existingAccountId } from './duplicates.js';
import { useDuplicateGate } from './useDuplicateGate.js';

/**
 * Changes an account's values; only what changed is sent, with an optional reason for the audit log. A
 * change to what matching reads runs the duplicate check on the server: when another account already is this
 * customer the matches are shown with the way out (merge them); look-alikes need a reason to save anyway.
 */
export function AccountEditModal(props: {
  open: boolean;
  account: Account;
  onClose: () => void;
  /** Opens the merge dialog with this account as the survivor and `mergedId` chosen. */
  onMerge?: (mergedId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountFormValues>();
  const errors = useFormErrors(form, ACCOUNT_FORM_FIELDS);
  const { update } = useAccountMutations();
  const gate = useDuplicateGate();
  const canMerge = useCan('accounts:merge');
  const { account } = props;

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    gate.reset();
    form.resetFields();
    form.setFieldsValue(toFormValues(account));
  }, [props.open, account, form, errors.clear, gate.reset]);

  const save = async (values: AccountFormValues, confirmReason?: string) => {
    const body = toUpdateBody(account, values, confirmReason);
    if (!body) {
      void message.info(t('accounts.noChanges'));
      props.onClose();
      return;
    }
    const saved = await gate.attempt(() => update.mutateAsync({ id: account.id, body }));
    if (!saved) return;
    void message.success(t('accounts.saved', { name: saved.legalName }));
    props.onClose();
  };

  const confirm = async (reason: string) => {
    errors.clear();
    try {
      await save(form.getFieldsValue(true) as AccountFormValues, reason);
    } catch (error) {
      errors.show(error);
    }
  };

  const existingId = existingAccountId(gate.refused);
  const mergeInstead =
    canMerge && existingId && props.onMerge ? (
      <Button
        icon={<MergeCellsOutlined />}
        onClick={() => props.onMerge?.(existingId)}
        data-testid="merge-instead"
      >
        {t('match.mergeInstead')}
      </Button>
    ) : null;

  return (
    <>
      <FormModal
        open={props.open}
        title={t('accounts.edit')}
        okText={t('common.save')}
        saving={update.isPending && !gate.confirming}
        width={800}
        form={form}
        errors={errors}
        name="account-edit"
        onSubmit={(values) => save(values)}
        onClose={props.onClose}
        onValuesChange={gate.forget}
      >
        <AccountFields excludeId={account.id} />
        <Form.Item name="reason" label={t('accounts.reason')} extra={t('accounts.reasonHelp')}>
          <Input maxLength={500} />
        </Form.Item>
        {gate.refused && (
          <DuplicatePanel
            mode="edit"
            result={gate.refused}
            checking={false}
            extra={gate.refused.verdict === 'same' ? mergeInstead : null}
          />
        )}
      </FormModal>
      <ConfirmDuplicateModal
        mode="edit"
        open={gate.confirming}
        matches={gate.refused?.matches ?? []}
        saving={update.isPending}
        onCancel={() => gate.setConfirming(false)}
        onConfirm={(reason) => void confirm(reason)}
      />
    </>
  );
}
