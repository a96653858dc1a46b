import { Checkbox, Form, Input, InputNumber } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedToken, CreateTokenBody } from '../../api/types.js';
import { useMe } from '../../app/session.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormErrors } from '../../components/useFormErrors.js';
import { useTokenMutations } from './tokens.api.js';

interface TokenFormValues {
  name: string;
  scopes: CreateTokenBody['scopes'];
  expiresInDays?: number | null;
}

const FIELDS = ['name', 'scopes', 'expiresInDays'] as const;

/** A token can carry at most the caller's own permissions, so only those are offered. */
export function CreateTokenModal(props: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<TokenFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const { create } = useTokenMutations();

  useEffect(() => {
    if (!props.open) return;
    errors.clear();
    form.resetFields();
  }, [props.open, form, errors.clear]);

  const submit = async (values: TokenFormValues) => {
    const body: CreateTokenBody = { name: values.name.trim(), scopes: values.scopes };
    if (values.expiresInDays) body.expiresInDays = values.expiresInDays;
    props.onCreated(await create.mutateAsync(body));
    props.onClose();
  };

  return (
    <FormModal
      open={props.open}
      title={t('tokens.new')}
      okText={t('common.create')}
      saving={create.isPending}
      form={form}
      errors={errors}
      name="token"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="scopes"
        label={t('tokens.scopes')}
        extra={t('tokens.scopesHelp')}
        rules={[{ required: true, type: 'array', min: 1 }]}
      >
        <Checkbox.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          options={me.permissions
            // Acting as the person (password, preferences) is never for a token.
            .filter((p): p is CreateTokenBody['scopes'][number] => p !== 'profile:write')
            .map((p) => ({ value: p, label: t(`permissions.${p}`) }))}
        />
      </Form.Item>
      <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHelp')}>
        <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
