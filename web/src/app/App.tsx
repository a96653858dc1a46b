import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { Permission } from '../api/types.js';
import { AppLayout } from './AppLayout.js';
import { homePath } from './nav.js';
import { createQueryClient } from './queryClient.js';
import { NotFoundPage, RequireAuth, RequirePermission } from './RequireAuth.js';
import { useMe } from './session.js';

// One chunk per page: the login page does not wait for the audit log's code.
const AccountsPage = lazy(() =>
  import('../pages/accounts/AccountsPage.js').then((m) => ({ default: m.AccountsPage })),
);
const NewAccountPage = lazy(() =>
  import('../pages/accounts/NewAccountPage.js').then((m) => ({ default: m.NewAccountPage })),
);
const AccountPage = lazy(() =>
  import('../pages/accounts/AccountPage.js').then((m) => ({ default: m.AccountPage })),
);
const MyCustomers = lazy(() =>
  import('../pages/ownership/MyCustomers.js').then((m) => ({ default: m.MyCustomers })),
);
const PoolsPage = lazy(() =>
  import('../pages/ownership/PoolsPage.js').then((m) => ({ default: m.PoolsPage })),
);
const AccessRequestsPage = lazy(() =>
  import('../pages/access-requests/AccessRequestsPage.js').then((m) => ({ default: m.AccessRequestsPage })),
);
const OpportunitiesPage = lazy(() =>
  import('../pages/activities/OpportunitiesPage.js').then((m) => ({ default: m.OpportunitiesPage })),
);
const OpportunityPage = lazy(() =>
  import('../pages/activities/OpportunityPage.js').then((m) => ({ default: m.OpportunityPage })),
);
const ProductsPage = lazy(() =>
  import('../pages/activities/ProductsPage.js').then((m) => ({ default: m.ProductsPage })),
);
const OverlapsPage = lazy(() =>
  import('../pages/activities/OverlapsPage.js').then((m) => ({ default: m.OverlapsPage })),
);
const ImportsPage = lazy(() =>
  import('../pages/imports/ImportsPage.js').then((m) => ({ default: m.ImportsPage })),
);
const ImportJobPage = lazy(() =>
  import('../pages/imports/ImportJobPage.js').then((m) => ({ default: m.ImportJobPage })),
);
const DashboardPage = lazy(() =>
  import('../pages/reports/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
);
const DistributionReportPage = lazy(() =>
  import('../pages/reports/DistributionReportPage.js').then((m) => ({ default: m.DistributionReportPage })),
);
const OverlapReportPage = lazy(() =>
  import('../pages/reports/OverlapReportPage.js').then((m) => ({ default: m.OverlapReportPage })),
);
const LoginPage = lazy(() => import('../pages/login/LoginPage.js').then((m) => ({ default: m.LoginPage })));
const UsersPage = lazy(() => import('../pages/users/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const TeamsPage = lazy(() => import('../pages/teams/TeamsPage.js').then((m) => ({ default: m.TeamsPage })));
const TokensPage = lazy(() =>
  import('../pages/tokens/TokensPage.js').then((m) => ({ default: m.TokensPage })),
);
const AuditPage = lazy(() => import('../pages/audit/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const OrganizationPage = lazy(() =>
  import('../pages/organization/OrganizationPage.js').then((m) => ({ default: m.OrganizationPage })),
);
const AssignmentRulesPage = lazy(() =>
  import('../pages/assignment/AssignmentRulesPage.js').then((m) => ({ default: m.AssignmentRulesPage })),
);
const ChangePasswordPage = lazy(() =>
  import('../pages/password/ChangePasswordPage.js').then((m) => ({ default: m.ChangePasswordPage })),
);

/** `/`: the dashboard for people in the organisation; partners go to their first page. */
function Home() {
  const me = useMe();
  if (me.scope === 'partner' || !me.permissions.includes('accounts:read'))
    return <Navigate to={homePath(me.permissions)} replace />;
  return <DashboardPage />;
}

const guarded = (permission: Permission, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

export function App() {
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider
      locale={i18n.language === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1677ff' } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<Home />} />
                <Route path="accounts" element={guarded('accounts:read', <AccountsPage />)} />
                <Route path="accounts/new" element={guarded('accounts:write', <NewAccountPage />)} />
                <Route path="accounts/:id" element={guarded('accounts:read', <AccountPage />)} />
                <Route path="my-customers" element={guarded('accounts:read', <MyCustomers />)} />
                <Route path="pools" element={guarded('accounts:write', <PoolsPage />)} />
                <Route path="access-requests" element={guarded('accounts:write', <AccessRequestsPage />)} />
                <Route
                  path="reports/distribution"
                  element={guarded('accounts:read', <DistributionReportPage />)}
                />
                <Route path="reports/overlap" element={guarded('accounts:read', <OverlapReportPage />)} />
                <Route path="imports" element={guarded('accounts:import', <ImportsPage />)} />
                <Route path="imports/:id" element={guarded('accounts:import', <ImportJobPage />)} />
                <Route path="users" element={guarded('users:read', <UsersPage />)} />
                <Route path="teams" element={guarded('teams:read', <TeamsPage />)} />
                <Route path="tokens" element={guarded('tokens:manage', <TokensPage />)} />
                <Route path="audit" element={guarded('audit:read', <AuditPage />)} />
                <Route path="organization" element={guarded('org:read', <OrganizationPage />)} />
                <Route path="assignment" element={guarded('assignment:manage', <AssignmentRulesPage />)} />
                <Route path="opportunities" element={guarded('accounts:read', <OpportunitiesPage />)} />
                <Route path="opportunities/:id" element={guarded('accounts:read', <OpportunityPage />)} />
                <Route path="products" element={guarded('products:write', <ProductsPage />)} />
                <Route path="overlap-alerts" element={guarded('overlaps:read', <OverlapsPage />)} />
                <Route path="account/password" element={<ChangePasswordPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
