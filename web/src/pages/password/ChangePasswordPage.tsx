import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.js';
import { meKey, useMe } from '../../app/session.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useEnterKey } from '../../components/enterKey.js';
import { useFormErrors } from '../../components/useFormErrors.js';

interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;
/** Mirrors the server's minimum so the common mistake is caught before sending. */
const MIN_LENGTH = 10;

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordFormValues>();
  const errors = useFormErrors(form, FIELDS);
  const onKeyDown = useEnterKey(form);
  const mustChange = useMe().user.mustChangePassword;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/v1/me/password', body),
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('password.changed'));
      await queryClient.invalidateQueries({ queryKey: meKey });
      if (mustChange) void navigate('/');
    },
    onError: errors.show,
  });

  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      {mustChange && (
        <Alert type="warning" showIcon message={t('password.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <FormAlert message={errors.alert} />
      <Form<PasswordFormValues>
        form={form}
        layout="vertical"
        name="password"
        onFinish={({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword })}
        onValuesChange={errors.onValuesChange}
        onKeyDown={onKeyDown}
      >
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true },
            { min: MIN_LENGTH, message: t('password.tooShort', { min: MIN_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
