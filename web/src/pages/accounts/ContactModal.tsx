import { App, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../api/types.js';
import { emailRule, phoneRule } from '../../components/fieldRules.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import type { ContactFormValues } from './accountForm.js';
import { useContactMutations } from './accounts.api.js';
import { CONTACT_FORM_FIELDS, toContactBody, toContactFormValues, toContactPatch } from './contactForm.js';

/** What the dialog is for: a new contact, or changing `contact`. */
export type ContactDialog = { contact?: Contact };

/** Adds a contact to an account or changes one; the server's complaints show under their fields. */
export function ContactModal(props: {
  accountId: string;
  dialog: ContactDialog | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactFormValues>();
  const errors = useFormErrors(form, CONTACT_FORM_FIELDS);
  const { add, update } = useContactMutations(props.accountId);
  const { dialog } = props;
  const contact = dialog?.contact;

  useEffect(() => {
    if (!dialog) return;
    errors.clear();
    form.resetFields();
    if (dialog.contact) form.setFieldsValue(toContactFormValues(dialog.contact));
  }, [dialog, form, errors.clear]);

  const submit = async (values: ContactFormValues) => {
    if (!contact) {
      const saved = await add.mutateAsync(toContactBody(values));
      void message.success(t('accounts.contactAdded', { name: saved.name }));
    } else {
      const body = toContactPatch(contact, values);
      if (!body) {
        void message.info(t('accounts.noChanges'));
        props.onClose();
        return;
      }
      const saved = await update.mutateAsync({ id: contact.id, body });
      void message.success(t('accounts.contactSaved', { name: saved.name }));
    }
    props.onClose();
  };

  return (
    <FormModal
      open={dialog !== null}
      title={contact ? t('accounts.editContact') : t('accounts.addContact')}
      okText={contact ? t('common.save') : t('accounts.addContact')}
      saving={add.isPending || update.isPending}
      form={form}
      errors={errors}
      name="contact"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Form.Item name="name" label={t('accounts.contactName')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('accounts.contactMobile')}
        extra={t('accounts.contactMobileHelp')}
        rules={[phoneRule(t)]}
      >
        <Input type="tel" maxLength={40} />
      </Form.Item>
      <Form.Item name="email" label={t('accounts.contactEmail')} rules={[emailRule(t)]}>
        <Input type="email" maxLength={200} />
      </Form.Item>
      <Form.Item name="title" label={t('accounts.contactTitle')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
