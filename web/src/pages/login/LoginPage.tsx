import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { FullPageSpin } from '../../app/RequireAuth.js';
import { meKey, useMeQuery } from '../../app/session.js';
import { useEnterKey } from '../../components/enterKey.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { errorText } from '../../i18n/errorText.js';

interface LoginForm {
  login: string;
  password: string;
}

/** Where to go after signing in: back where the user was sent from, never off-site. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login'
    ? from
    : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const me = useMeQuery();
  const [form] = Form.useForm<LoginForm>();
  const onKeyDown = useEnterKey(form);
  const login = useMutation({
    mutationFn: (body: LoginForm) => api.post<Me & { expiresAt: string }>('/api/v1/auth/login', body),
    onSuccess: ({ expiresAt: _expiresAt, ...signedIn }) => {
      client.clear(); // nothing cached for a previous user survives
      client.setQueryData(meKey, signedIn);
      void navigate(returnPath(location.state), { replace: true });
    },
  });

  if (me.isPending) return <FullPageSpin />;
  if (me.data && !login.isPending) return <Navigate to={returnPath(location.state)} replace />;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: '#f0f2f5',
        boxSizing: 'border-box',
      }}
    >
      <div style={{ position: 'absolute', top: 8, right: 8 }}>
        <LanguageSwitch />
      </div>
      <Typography.Title level={2} style={{ marginBottom: 4 }}>
        {t('app.name')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t('app.tagline')}
      </Typography.Paragraph>
      <Card title={t('login.title')} style={{ width: '100%', maxWidth: 380 }}>
        {login.error && (
          <Alert
            type="error"
            showIcon
            title={errorText(t, login.error)}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          onFinish={(values) => login.mutate(values)}
          onKeyDown={onKeyDown}
          requiredMark={false}
        >
          <Form.Item
            name="login"
            label={t('login.login')}
            rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
