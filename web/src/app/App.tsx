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
import { usePrefersReducedMotion } from './reducedMotion.js';
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
const PoolAdminPage = lazy(() =>
  import('../pages/ownership/PoolAdminPage.js').then((m) => ({ default: m.PoolAdminPage })),
);
const RecoveryRulesPage = lazy(() =>
  import('../pages/ownership/RecoveryRulesPage.js').then((m) => ({ default: m.RecoveryRulesPage })),
);
const CasesPage = lazy(() => import('../pages/cases/CasesPage.js').then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import('../pages/cases/CasePage.js').then((m) => ({ default: m.CasePage })));
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
const PartnersPage = lazy(() =>
  import('../pages/partners/PartnersPage.js').then((m) => ({ default: m.PartnersPage })),
);
const TransactionsPage = lazy(() =>
  import('../pages/transactions/TransactionsPage.js').then((m) => ({ default: m.TransactionsPage })),
);
const TransactionPage = lazy(() =>
  import('../pages/transactions/TransactionPage.js').then((m) => ({ default: m.TransactionPage })),
);
const PartnerPage = lazy(() =>
  import('../pages/partners/PartnerPage.js').then((m) => ({ default: m.PartnerPage })),
);
const RegistrationsPage = lazy(() =>
  import('../pages/registrations/RegistrationsPage.js').then((m) => ({ default: m.RegistrationsPage })),
);
const NewRegistrationPage = lazy(() =>
  import('../pages/registrations/RegistrationEditPage.js').then((m) => ({ default: m.NewRegistrationPage })),
);
const EditRegistrationPage = lazy(() =>
  import('../pages/registrations/RegistrationEditPage.js').then((m) => ({ default: m.EditRegistrationPage })),
);
const RegistrationPage = lazy(() =>
  import('../pages/registrations/RegistrationPage.js').then((m) => ({ default: m.RegistrationPage })),
);
const ReviewQueuePage = lazy(() =>
  import('../pages/registrations/ReviewQueuePage.js').then((m) => ({ default: m.ReviewQueuePage })),
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
const ChannelSettingsPage = lazy(() =>
  import('../pages/partners/ChannelSettingsPage.js').then((m) => ({ default: m.ChannelSettingsPage })),
);
const ChannelReportPage = lazy(() =>
  import('../pages/reports/ChannelReportPage.js').then((m) => ({ default: m.ChannelReportPage })),
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
const TerritoriesPage = lazy(() =>
  import('../pages/territories/TerritoriesPage.js').then((m) => ({ default: m.TerritoriesPage })),
);
const TerritoryMapPage = lazy(() =>
  import('../pages/territories/TerritoryMapPage.js').then((m) => ({ default: m.TerritoryMapPage })),
);
const FenceCheckPage = lazy(() =>
  import('../pages/territories/FenceCheckPage.js').then((m) => ({ default: m.FenceCheckPage })),
);
const FenceExceptionsPage = lazy(() =>
  import('../pages/territories/ExceptionsPage.js').then((m) => ({ default: m.ExceptionsPage })),
);
const TerritoryModelsPage = lazy(() =>
  import('../pages/territories/ModelsPage.js').then((m) => ({ default: m.ModelsPage })),
);
const TerritoryModelPage = lazy(() =>
  import('../pages/territories/ModelPage.js').then((m) => ({ default: m.ModelPage })),
);
const PlansPage = lazy(() =>
  import('../pages/commission/PlansPage.js').then((m) => ({ default: m.PlansPage })),
);
const PlanPage = lazy(() => import('../pages/commission/PlanPage.js').then((m) => ({ default: m.PlanPage })));
const PlanNewPage = lazy(() =>
  import('../pages/commission/PlanEditPage.js').then((m) => ({ default: m.PlanNewPage })),
);
const PlanAmendPage = lazy(() =>
  import('../pages/commission/PlanEditPage.js').then((m) => ({ default: m.PlanAmendPage })),
);
const WhatIfPage = lazy(() =>
  import('../pages/commission/WhatIfPage.js').then((m) => ({ default: m.WhatIfPage })),
);
const MyPlansPage = lazy(() =>
  import('../pages/commission/MyPlansPage.js').then((m) => ({ default: m.MyPlansPage })),
);
// Commission periods, statements, disputes and attainment (issue 13).
const PeriodsPage = lazy(() =>
  import('../pages/commission/PeriodsPage.js').then((m) => ({ default: m.PeriodsPage })),
);
const PeriodsIndexPage = lazy(() =>
  import('../pages/commission/PeriodsPage.js').then((m) => ({ default: m.PeriodsIndexPage })),
);
const PeriodStatementsPage = lazy(() =>
  import('../pages/commission/PeriodStatementsPage.js').then((m) => ({ default: m.PeriodStatementsPage })),
);
const StatementPage = lazy(() =>
  import('../pages/commission/StatementPage.js').then((m) => ({ default: m.StatementPage })),
);
const StatementsMinePage = lazy(() =>
  import('../pages/commission/StatementsMinePage.js').then((m) => ({ default: m.StatementsMinePage })),
);
const DisputesPage = lazy(() =>
  import('../pages/commission/DisputesPage.js').then((m) => ({ default: m.DisputesPage })),
);
const AttainmentPage = lazy(() =>
  import('../pages/commission/AttainmentPage.js').then((m) => ({ default: m.AttainmentPage })),
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
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={i18n.language === 'zh-CN' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1677ff', motion: !reducedMotion } }}
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
                <Route path="pool-admin" element={guarded('ownership:manage', <PoolAdminPage />)} />
                <Route path="recovery-rules" element={guarded('ownership:manage', <RecoveryRulesPage />)} />
                <Route path="opportunities" element={guarded('accounts:read', <OpportunitiesPage />)} />
                <Route path="opportunities/:id" element={guarded('accounts:read', <OpportunityPage />)} />
                <Route path="products" element={guarded('products:write', <ProductsPage />)} />
                <Route path="overlap-alerts" element={guarded('overlaps:read', <OverlapsPage />)} />
                <Route path="partners" element={guarded('partners:read', <PartnersPage />)} />
                <Route path="partners/:id" element={guarded('partners:read', <PartnerPage />)} />
                <Route
                  path="registrations"
                  element={guarded('registrations:submit', <RegistrationsPage />)}
                />
                <Route
                  path="registrations/new"
                  element={guarded('registrations:submit', <NewRegistrationPage />)}
                />
                <Route path="registrations/:id" element={guarded('accounts:read', <RegistrationPage />)} />
                <Route
                  path="registrations/:id/edit"
                  element={guarded('registrations:submit', <EditRegistrationPage />)}
                />
                <Route
                  path="registration-queue"
                  element={guarded('registrations:review', <ReviewQueuePage />)}
                />
                <Route path="territories" element={guarded('territories:read', <TerritoriesPage />)} />
                <Route path="territories/map" element={guarded('territories:read', <TerritoryMapPage />)} />
                <Route path="territories/check" element={guarded('territories:read', <FenceCheckPage />)} />
                <Route
                  path="territories/exceptions"
                  element={guarded('territories:read', <FenceExceptionsPage />)}
                />
                <Route
                  path="territories/models"
                  element={guarded('territories:manage', <TerritoryModelsPage />)}
                />
                <Route
                  path="territories/models/:id"
                  element={guarded('territories:manage', <TerritoryModelPage />)}
                />
                <Route path="cases" element={guarded('accounts:read', <CasesPage />)} />
                <Route path="cases/:id" element={guarded('accounts:read', <CasePage />)} />
                <Route path="reports/channel" element={guarded('partners:read', <ChannelReportPage />)} />
                <Route
                  path="channel-settings"
                  element={guarded('registrations:review', <ChannelSettingsPage />)}
                />
                <Route path="transactions" element={guarded('transactions:read', <TransactionsPage />)} />
                <Route path="transactions/:id" element={guarded('transactions:read', <TransactionPage />)} />
                <Route path="commission/plans" element={guarded('commission:read', <PlansPage />)} />
                <Route
                  path="commission/plans/new"
                  element={guarded('commission:configure', <PlanNewPage />)}
                />
                <Route path="commission/plans/:id" element={guarded('commission:read', <PlanPage />)} />
                <Route
                  path="commission/plans/:id/amend"
                  element={guarded('commission:configure', <PlanAmendPage />)}
                />
                <Route
                  path="commission/plans/:id/what-if"
                  element={guarded('commission:configure', <WhatIfPage />)}
                />
                <Route path="commission/my" element={guarded('commission:read', <MyPlansPage />)} />
                <Route
                  path="commission/plans/:id/periods"
                  element={guarded('commission:read', <PeriodsPage />)}
                />
                <Route
                  path="commission/periods"
                  element={guarded('commission:approve', <PeriodsIndexPage />)}
                />
                <Route
                  path="commission/periods/:id"
                  element={guarded('commission:read', <PeriodStatementsPage />)}
                />
                <Route
                  path="commission/periods/:id/statements/:payeeId"
                  element={guarded('commission:read', <StatementPage />)}
                />
                <Route
                  path="commission/statements"
                  element={guarded('commission:read', <StatementsMinePage />)}
                />
                <Route path="commission/disputes" element={guarded('commission:read', <DisputesPage />)} />
                <Route
                  path="commission/attainment"
                  element={guarded('commission:read', <AttainmentPage />)}
                />
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
