import { App, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { AccountFields } from './AccountFields.js';
import { ACCOUNT_FORM_FIELDS, toFormValues, toUpdateBody, type AccountFormValues } from './accountForm.js';
import { useAccountMutations } from './accounts.api.js';

/** Changes an account's values; only what changed is sent, with an optional reason for the audit log. */
export function AccountEditModal(props: { open: boolean; account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountFormValues>();
  const errors = useFormErrors(form, ACCOUNT_FORM_FIELDS);
  const { update } = useAccountMutations();
  const { account } = props;

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue(toFormValues(account));
  }, [props.open, account, form, errors.clear]);

  const submit = async (values: AccountFormValues) => {
    const body = toUpdateBody(account, values);
    if (!body) {
      void message.info(t('accounts.noChanges'));
      props.onClose();
      return;
    }
    const saved = await update.mutateAsync({ id: account.id, body });
    void message.success(t('accounts.saved', { name: saved.legalName }));
    props.onClose();
  };

  return (
    <FormModal
      open={props.open}
      title={t('accounts.edit')}
      okText={t('common.save')}
      saving={update.isPending}
      width={800}
      form={form}
      errors={errors}
      name="account-edit"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <AccountFields excludeId={account.id} />
      <Form.Item name="reason" label={t('accounts.reason')} extra={t('accounts.reasonHelp')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
