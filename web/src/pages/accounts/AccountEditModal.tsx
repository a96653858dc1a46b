import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types.js';
import { FormAlert } from '../../components/FormAlert.js';
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
    errors.clear();
    const body = toUpdateBody(account, values);
    if (!body) {
      void message.info(t('accounts.noChanges'));
      props.onClose();
      return;
    }
    try {
      const saved = await update.mutateAsync({ id: account.id, body });
      void message.success(t('accounts.saved', { name: saved.legalName }));
      props.onClose();
    } catch (error) {
      errors.show(error);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('accounts.edit')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      width={800}
      forceRender
    >
      <Form<AccountFormValues>
        form={form}
        layout="vertical"
        name="account-edit"
        onFinish={(values) => void submit(values)}
        onValuesChange={errors.onValuesChange}
      >
        <AccountFields excludeId={account.id} />
        <Form.Item name="reason" label={t('accounts.reason')} extra={t('accounts.reasonHelp')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <FormAlert message={errors.alert} placement="bottom" />
    </Modal>
  );
}
