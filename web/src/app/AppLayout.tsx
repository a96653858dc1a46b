import {
  ApiOutlined,
  AppstoreOutlined,
  FundOutlined,
  WarningOutlined,
  AuditOutlined,
  ClusterOutlined,
  DatabaseOutlined,
  HistoryOutlined,
  CloudUploadOutlined,
  BarChartOutlined,
  DashboardOutlined,
  InboxOutlined,
  ContactsOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SettingOutlined,
  BranchesOutlined,
  ShopOutlined,
  UserOutlined,
  FileProtectOutlined,
  CheckSquareOutlined,
  EnvironmentOutlined,
  AlertOutlined,
  PieChartOutlined,
  PercentageOutlined,
  SolutionOutlined,
  AccountBookOutlined,
  CalendarOutlined,
  IssuesCloseOutlined,
  RiseOutlined,
  ControlOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Typography, theme } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { errorText } from '../i18n/errorText.js';
import { NotificationBell } from '../pages/ownership/NotificationBell.js';
import { navKeyOf, visibleNav, type NavKey } from './nav.js';
import { FullPageSpin } from './RequireAuth.js';
import { meKey, useMe } from './session.js';

const ICONS: Record<NavKey, ReactNode> = {
  dashboard: <DashboardOutlined />,
  distribution: <BarChartOutlined />,
  accounts: <ShopOutlined />,
  myCustomers: <ContactsOutlined />,
  pools: <GlobalOutlined />,
  accessRequests: <InboxOutlined />,
  imports: <CloudUploadOutlined />,
  users: <UserOutlined />,
  teams: <ClusterOutlined />,
  tokens: <ApiOutlined />,
  audit: <AuditOutlined />,
  organization: <SettingOutlined />,
  assignment: <BranchesOutlined />,
  poolAdmin: <DatabaseOutlined />,
  recoveryRules: <HistoryOutlined />,
  opportunities: <FundOutlined />,
  products: <AppstoreOutlined />,
  overlaps: <WarningOutlined />,
  partners: <ShopOutlined />,
  registrations: <FileProtectOutlined />,
  registrationQueue: <CheckSquareOutlined />,
  territories: <EnvironmentOutlined />,
  cases: <AlertOutlined />,
  channelReport: <PieChartOutlined />,
  channelSettings: <ControlOutlined />,
  transactions: <FundOutlined />,
  commissionPlans: <PercentageOutlined />,
  myPlans: <SolutionOutlined />,
  commissionPeriods: <CalendarOutlined />,
  commissionStatements: <AccountBookOutlined />,
  commissionDisputes: <IssuesCloseOutlined />,
  commissionAttainment: <RiseOutlined />,
};

/** The signed-in frame: side menu (a drawer on phones), header with language, account and sign-out. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const narrow = Grid.useBreakpoint().md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const logout = useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSettled: (_data, error) => {
      if (error) void message.error(errorText(t, error));
      client.clear();
      client.setQueryData(meKey, null);
      void navigate('/login', { replace: true });
    },
  });

  const items = visibleNav(me.permissions, me.scope === 'partner').map((item) => ({
    key: item.key,
    icon: ICONS[item.key],
    label: t(`nav.${item.key}`),
    onClick: () => {
      setDrawerOpen(false);
      void navigate(item.path);
    },
  }));
  const selected = navKeyOf(location.pathname);
  const menu = (dark: boolean) => (
    <Menu
      theme={dark ? 'dark' : 'light'}
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  const brand = (
    <Typography.Text strong style={{ color: 'inherit', fontSize: 18, whiteSpace: 'nowrap' }}>
      {t('app.name')}
    </Typography.Text>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          title={brand}
          styles={{ body: { padding: 0 } }}
          rootClassName="app-nav-drawer"
        >
          {menu(false)}
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          trigger={null}
          width={220}
          breakpoint="lg"
          onBreakpoint={setCollapsed}
        >
          <div
            style={{ height: 64, display: 'flex', alignItems: 'center', paddingInline: 24, color: '#fff' }}
          >
            {collapsed ? <KeyOutlined /> : brand}
          </div>
          {menu(true)}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            paddingInline: narrow ? 8 : 16,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {narrow ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => setDrawerOpen(true)}
            />
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          {narrow && brand}
          <div style={{ flex: 1 }} />
          {me.permissions.includes('accounts:read') && <NotificationBell />}
          <LanguageSwitch compact={narrow} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: t('nav.password') },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'password') void navigate('/account/password');
                if (key === 'logout') logout.mutate();
              },
            }}
          >
            <Button
              type="text"
              data-testid="account-menu"
              style={{ minWidth: 0, flexShrink: 1, maxWidth: narrow ? 150 : 260 }}
            >
              <Avatar size="small" icon={<UserOutlined />} style={{ flexShrink: 0 }} />
              <Typography.Text ellipsis style={{ maxWidth: narrow ? 90 : 200 }} data-testid="user-name">
                {me.user.displayName}
              </Typography.Text>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
