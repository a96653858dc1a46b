import { Button, Result, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../api/types.js';
import { errorText } from '../i18n/errorText.js';
import { changeLanguage } from '../i18n/index.js';
import { MeContext, useMe, useMeQuery } from './session.js';

const PASSWORD_PAGE = '/account/password';

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}

/** The signed-in part of the app: waits for /me, sends strangers to the login page and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  const saved = me.data?.user.language;
  // The language the user saved (on any device) wins over this browser's.
  useEffect(() => {
    if (saved) void changeLanguage(saved);
  }, [saved]);
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={errorText(t, me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.refresh')}</Button>}
      />
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // A password someone else set is replaced before anything else (the server refuses the rest meanwhile).
  if (me.data.user.mustChangePassword && location.pathname !== PASSWORD_PAGE)
    return <Navigate to={PASSWORD_PAGE} replace />;
  return <MeContext value={me.data}>{children}</MeContext>;
}

/** A page for holders of one permission; others see why they cannot. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  if (!useMe().permissions.includes(permission)) {
    return (
      <Result
        status="403"
        title={t('pages.forbidden')}
        subTitle={t('errors.forbiddenPermission', { permission: t(`permissions.${permission}`) })}
        extra={
          <Link to="/">
            <Button type="primary">{t('pages.home')}</Button>
          </Link>
        }
      />
    );
  }
  return children;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('pages.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('pages.home')}</Button>
        </Link>
      }
    />
  );
}
