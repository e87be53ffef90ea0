import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CloudServerOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileSyncOutlined,
  FolderOpenOutlined,
  HistoryOutlined,
  IdcardOutlined,
  KeyOutlined,
  LockOutlined,
  MessageOutlined,
  MonitorOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SendOutlined,
  SyncOutlined,
  TeamOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../session/index.tsx';

// Pages load when first opened, so the login page does not wait for every table and tree.
const DashboardPage = lazy(() =>
  import('../pages/dashboard.tsx').then((m) => ({ default: m.DashboardPage })),
);
const JurisdictionsPage = lazy(() =>
  import('../pages/jurisdictions/index.tsx').then((m) => ({ default: m.JurisdictionsPage })),
);
const DepartmentsPage = lazy(() =>
  import('../pages/departments/index.tsx').then((m) => ({ default: m.DepartmentsPage })),
);
const UsersPage = lazy(() => import('../pages/users/index.tsx').then((m) => ({ default: m.UsersPage })));
const DualControlPage = lazy(() =>
  import('../pages/users/dual-control.tsx').then((m) => ({ default: m.DualControlPage })),
);
const AccountSecurityPage = lazy(() =>
  import('../pages/security/accounts.tsx').then((m) => ({ default: m.AccountSecurityPage })),
);
const SecurityAlertsPage = lazy(() =>
  import('../pages/security/alerts.tsx').then((m) => ({ default: m.SecurityAlertsPage })),
);
const RolesPage = lazy(() => import('../pages/roles.tsx').then((m) => ({ default: m.RolesPage })));
const ApiClientsPage = lazy(() =>
  import('../pages/api-clients/index.tsx').then((m) => ({ default: m.ApiClientsPage })),
);
const PolicyPage = lazy(() => import('../pages/policy.tsx').then((m) => ({ default: m.PolicyPage })));
const CalendarPage = lazy(() => import('../pages/calendar.tsx').then((m) => ({ default: m.CalendarPage })));
const SnapshotsPage = lazy(() =>
  import('../pages/snapshots/index.tsx').then((m) => ({ default: m.SnapshotsPage })),
);
const JobsPage = lazy(() => import('../pages/jobs.tsx').then((m) => ({ default: m.JobsPage })));
const CatalogPage = lazy(() =>
  import('../pages/catalog/index.tsx').then((m) => ({ default: m.CatalogPage })),
);
const MyCatalogPage = lazy(() =>
  import('../pages/catalog/mine.tsx').then((m) => ({ default: m.MyCatalogPage })),
);
const CatalogInboxPage = lazy(() =>
  import('../pages/catalog/inbox.tsx').then((m) => ({ default: m.InboxPage })),
);
const ObligationsPage = lazy(() =>
  import('../pages/catalog/obligations.tsx').then((m) => ({ default: m.ObligationsPage })),
);
const EditionsPage = lazy(() =>
  import('../pages/catalog/editions.tsx').then((m) => ({ default: m.EditionsPage })),
);

// The sharing workflow: applications (with the apply wizard and the case), approvals, grants, notices.
const SharingApplicationsPage = lazy(() =>
  import('../pages/sharing/applications.tsx').then((m) => ({ default: m.ApplicationsPage })),
);
const SharingApprovalsPage = lazy(() =>
  import('../pages/sharing/approvals.tsx').then((m) => ({ default: m.ApprovalsPage })),
);
const SharingGrantsPage = lazy(() =>
  import('../pages/sharing/grants.tsx').then((m) => ({ default: m.GrantsPage })),
);
const SharingDisputesPage = lazy(() =>
  import('../pages/sharing/disputes.tsx').then((m) => ({ default: m.DisputesPage })),
);
const SharingAgreementsPage = lazy(() =>
  import('../pages/sharing/agreements.tsx').then((m) => ({ default: m.AgreementsPage })),
);
const SharingComplaintsPage = lazy(() =>
  import('../pages/sharing/complaints.tsx').then((m) => ({ default: m.ComplaintsPage })),
);
const SharingNoticesPage = lazy(() =>
  import('../pages/sharing/notices.tsx').then((m) => ({ default: m.NoticesPage })),
);

// The exchange: hosted data and its uploads (provider), reads and subscriptions (consumer), services, nodes.
const ExchangeResourcesPage = lazy(() =>
  import('../pages/exchange/resources.tsx').then((m) => ({ default: m.ResourcesPage })),
);
const ExchangeUploadsPage = lazy(() =>
  import('../pages/exchange/uploads.tsx').then((m) => ({ default: m.UploadsPage })),
);
const ExchangeQueryPage = lazy(() =>
  import('../pages/exchange/query.tsx').then((m) => ({ default: m.QueryPage })),
);
const ExchangeSubscriptionsPage = lazy(() =>
  import('../pages/exchange/subscriptions.tsx').then((m) => ({ default: m.SubscriptionsPage })),
);
const ExchangeServicesPage = lazy(() =>
  import('../pages/exchange/services.tsx').then((m) => ({ default: m.ServicesPage })),
);
const ExchangeNodesPage = lazy(() =>
  import('../pages/exchange/nodes.tsx').then((m) => ({ default: m.NodesPage })),
);

// Data quality (issue 16): verification and correction, freshness, one data one source.
const QualityCorrectionsPage = lazy(() =>
  import('../pages/quality/corrections.tsx').then((m) => ({ default: m.QualityCorrectionsPage })),
);
const QualityFreshnessPage = lazy(() =>
  import('../pages/quality/freshness.tsx').then((m) => ({ default: m.QualityFreshnessPage })),
);
const QualityScoresPage = lazy(() =>
  import('../pages/quality/scores.tsx').then((m) => ({ default: m.QualityScoresPage })),
);
const QualitySourcesPage = lazy(() =>
  import('../pages/quality/sources.tsx').then((m) => ({ default: m.QualitySourcesPage })),
);

// The auditor views (trace search, reports, chain and exchange status).
const TraceSearchPage = lazy(() =>
  import('../pages/audit/trace.tsx').then((m) => ({ default: m.TraceSearchPage })),
);
const DepartmentReportPage = lazy(() =>
  import('../pages/audit/department-report.tsx').then((m) => ({ default: m.DepartmentReportPage })),
);
const PersonReportPage = lazy(() =>
  import('../pages/audit/person-report.tsx').then((m) => ({ default: m.PersonReportPage })),
);
const ChainStatusPage = lazy(() =>
  import('../pages/audit/chain-status.tsx').then((m) => ({ default: m.ChainStatusPage })),
);
const ViolationsPage = lazy(() =>
  import('../pages/supervision/violations.tsx').then((m) => ({ default: m.ViolationsPage })),
);
const CircularsPage = lazy(() =>
  import('../pages/supervision/circulars.tsx').then((m) => ({ default: m.CircularsPage })),
);
const SupervisionStatisticsPage = lazy(() =>
  import('../pages/supervision/statistics.tsx').then((m) => ({ default: m.SupervisionStatisticsPage })),
);
const EvaluationsPage = lazy(() =>
  import('../pages/supervision/evaluations/index.tsx').then((m) => ({ default: m.EvaluationsPage })),
);
const CompliancePage = lazy(() =>
  import('../pages/supervision/compliance.tsx').then((m) => ({ default: m.CompliancePage })),
);
const DepartmentReportsPage = lazy(() =>
  import('../pages/supervision/evaluations/reports.tsx').then((m) => ({ default: m.DepartmentReportsPage })),
);
const ExchangeStatusPage = lazy(() =>
  import('../pages/audit/exchange-status.tsx').then((m) => ({ default: m.ExchangeStatusPage })),
);

export type NavGroup =
  | 'catalogGroup'
  | 'sharingGroup'
  | 'exchangeGroup'
  | 'qualityGroup'
  | 'supervisionGroup'
  | 'auditGroup'
  | 'orgGroup'
  | 'accessGroup'
  | 'settingsGroup';
export type NavLabel =
  | 'dashboard'
  | 'jurisdictions'
  | 'departments'
  | 'users'
  | 'dualControl'
  | 'accountSecurity'
  | 'securityAlerts'
  | 'roles'
  | 'apiClients'
  | 'policy'
  | 'calendar'
  | 'jobs'
  | 'auditTrace'
  | 'auditDepartmentReport'
  | 'auditPersonReport'
  | 'auditChain'
  | 'auditExchange'
  | 'catalog'
  | 'myCatalog'
  | 'catalogInbox'
  | 'obligations'
  | 'editions'
  | 'sharingApplications'
  | 'sharingApprovals'
  | 'sharingGrants'
  | 'sharingDisputes'
  | 'sharingAgreements'
  | 'sharingComplaints'
  | 'sharingNotices'
  | 'exchangeResources'
  | 'exchangeUploads'
  | 'exchangeQuery'
  | 'exchangeSubscriptions'
  | 'exchangeServices'
  | 'exchangeNodes'
  | 'qualityCorrections'
  | 'qualityFreshness'
  | 'qualitySources'
  | 'qualityScores'
  | 'supervisionStatistics'
  | 'supervisionViolations'
  | 'supervisionCirculars'
  | 'supervisionEvaluations'
  | 'supervisionReports'
  | 'supervisionCompliance'
  | 'snapshots';

type Access = Pick<ReturnType<typeof useSession>, 'can' | 'reach'>;

/** Watches more than one department: operators, auditors and the authority. */
const watchesWide = (access: Access, action: string) =>
  ['all', 'jurisdiction'].includes(access.reach(action) ?? '');

/** Reads beyond one's own account: a department user's "read myself" is not a users page. */
const readsOthers = (access: Access, action: string) => {
  const reach = access.reach(action);
  return reach !== undefined && reach !== 'self';
};

export interface NavItem {
  path: string;
  label: NavLabel;
  icon: ReactNode;
  group?: NavGroup;
  /** Whether the signed-in user sees the page; absent means everyone does. */
  allowed?: (access: Access) => boolean;
  element: ReactNode;
  /** Pages with sub-pages of their own (`/catalog/:id`) route on `path/*` and nest their own Routes. */
  nested?: boolean;
  /** Pages routed elsewhere that belong to this item in the menu (a new entry is written from 共享目录). */
  owns?: string[];
}

/** Every page of the portal: the menu and the routes are both made from this list. */
export const NAV: NavItem[] = [
  { path: '/', label: 'dashboard', icon: <DashboardOutlined />, element: <DashboardPage /> },
  // Catalog pages sit on distinct first segments: the menu highlights every item whose path prefixes the URL.
  {
    path: '/catalog',
    label: 'catalog',
    icon: <FileSearchOutlined />,
    group: 'catalogGroup',
    element: <CatalogPage />,
    nested: true,
  },
  {
    path: '/my-catalog',
    label: 'myCatalog',
    icon: <FolderOpenOutlined />,
    group: 'catalogGroup',
    allowed: (a) => a.can('catalog.manage'),
    element: <MyCatalogPage />,
    nested: true,
    owns: ['/catalog/new'],
  },
  {
    path: '/ratification',
    label: 'catalogInbox',
    icon: <AuditOutlined />,
    group: 'catalogGroup',
    allowed: (a) => a.can('catalog.ratify'),
    element: <CatalogInboxPage />,
  },
  {
    path: '/obligations',
    label: 'obligations',
    icon: <FieldTimeOutlined />,
    group: 'catalogGroup',
    allowed: (a) => a.can('catalog.obligation.read', 'catalog.obligation.manage'),
    element: <ObligationsPage />,
  },
  {
    path: '/editions',
    label: 'editions',
    icon: <BookOutlined />,
    group: 'catalogGroup',
    allowed: (a) => a.can('catalog.edition.read'),
    element: <EditionsPage />,
  },
  {
    path: '/sharing/applications',
    label: 'sharingApplications',
    icon: <SendOutlined />,
    group: 'sharingGroup',
    allowed: (a) => a.can('sharing.apply', 'sharing.case.read'),
    element: <SharingApplicationsPage />,
    nested: true,
  },
  {
    path: '/sharing/approvals',
    label: 'sharingApprovals',
    icon: <FileDoneOutlined />,
    group: 'sharingGroup',
    allowed: (a) => a.can('sharing.decide'),
    element: <SharingApprovalsPage />,
  },
  {
    path: '/sharing/grants',
    label: 'sharingGrants',
    icon: <KeyOutlined />,
    group: 'sharingGroup',
    allowed: (a) => a.can('sharing.case.read', 'sharing.grant.manage'),
    element: <SharingGrantsPage />,
    nested: true,
  },
  {
    path: '/sharing/disputes',
    label: 'sharingDisputes',
    icon: <MessageOutlined />,
    group: 'sharingGroup',
    allowed: (a) => a.can('sharing.case.read', 'sharing.coordinate'),
    element: <SharingDisputesPage />,
    nested: true,
  },
  {
    path: '/sharing/agreements',
    label: 'sharingAgreements',
    icon: <FileProtectOutlined />,
    group: 'sharingGroup',
    allowed: (a) => a.can('sharing.case.read', 'sharing.agreement.file'),
    element: <SharingAgreementsPage />,
    nested: true,
  },
  {
    path: '/sharing/complaints',
    label: 'sharingComplaints',
    icon: <AlertOutlined />,
    group: 'sharingGroup',
    allowed: (a) => a.can('sharing.complaint.file', 'sharing.complaint.handle', 'sharing.case.read'),
    element: <SharingComplaintsPage />,
    nested: true,
  },
  {
    path: '/sharing/notices',
    label: 'sharingNotices',
    icon: <BellOutlined />,
    group: 'sharingGroup',
    allowed: (a) => a.can('sharing.notice.read'),
    element: <SharingNoticesPage />,
  },
  {
    path: '/exchange/resources',
    label: 'exchangeResources',
    icon: <DatabaseOutlined />,
    group: 'exchangeGroup',
    allowed: (a) => a.can('exchange.host.manage') || watchesWide(a, 'exchange.host.read'),
    element: <ExchangeResourcesPage />,
    nested: true,
  },
  {
    path: '/exchange/uploads',
    label: 'exchangeUploads',
    icon: <CloudUploadOutlined />,
    group: 'exchangeGroup',
    allowed: (a) => a.can('exchange.host.manage'),
    element: <ExchangeUploadsPage />,
  },
  {
    path: '/exchange/query',
    label: 'exchangeQuery',
    icon: <SearchOutlined />,
    group: 'exchangeGroup',
    allowed: (a) => a.can('exchange.read'),
    element: <ExchangeQueryPage />,
  },
  {
    path: '/snapshots',
    label: 'snapshots',
    icon: <FileProtectOutlined />,
    group: 'exchangeGroup',
    allowed: (a) => a.can('snapshot.read'),
    element: <SnapshotsPage />,
    nested: true,
  },
  {
    path: '/exchange/subscriptions',
    label: 'exchangeSubscriptions',
    icon: <SyncOutlined />,
    group: 'exchangeGroup',
    allowed: (a) => a.can('exchange.subscription.manage'),
    element: <ExchangeSubscriptionsPage />,
  },
  {
    path: '/exchange/services',
    label: 'exchangeServices',
    icon: <CloudServerOutlined />,
    group: 'exchangeGroup',
    allowed: (a) => a.can('exchange.host.manage') || watchesWide(a, 'exchange.host.read'),
    element: <ExchangeServicesPage />,
  },
  {
    path: '/exchange/nodes',
    label: 'exchangeNodes',
    icon: <ClusterOutlined />,
    group: 'exchangeGroup',
    allowed: (a) => a.can('exchange.monitor'),
    element: <ExchangeNodesPage />,
  },
  {
    path: '/quality/corrections',
    label: 'qualityCorrections',
    icon: <FileSyncOutlined />,
    group: 'qualityGroup',
    allowed: (a) => a.can('quality.correction.read'),
    element: <QualityCorrectionsPage />,
    nested: true,
  },
  {
    path: '/quality/freshness',
    label: 'qualityFreshness',
    icon: <HistoryOutlined />,
    group: 'qualityGroup',
    allowed: (a) => a.can('quality.freshness.read'),
    element: <QualityFreshnessPage />,
  },
  {
    path: '/quality/sources',
    label: 'qualitySources',
    icon: <NodeIndexOutlined />,
    group: 'qualityGroup',
    allowed: (a) => a.can('quality.source.read'),
    element: <QualitySourcesPage />,
    nested: true,
  },
  {
    path: '/quality/scores',
    label: 'qualityScores',
    icon: <BarChartOutlined />,
    group: 'qualityGroup',
    allowed: (a) => a.can('quality.score.read'),
    element: <QualityScoresPage />,
  },
  {
    path: '/audit/trace',
    label: 'auditTrace',
    icon: <SearchOutlined />,
    group: 'auditGroup',
    allowed: (a) => a.can('audit.read'),
    element: <TraceSearchPage />,
  },
  {
    path: '/audit/department-report',
    label: 'auditDepartmentReport',
    icon: <ProfileOutlined />,
    group: 'auditGroup',
    allowed: (a) => a.can('audit.departmentReport'),
    element: <DepartmentReportPage />,
  },
  {
    path: '/audit/person-report',
    label: 'auditPersonReport',
    icon: <IdcardOutlined />,
    group: 'auditGroup',
    allowed: (a) => a.can('audit.personReport'),
    element: <PersonReportPage />,
  },
  {
    path: '/audit/chain',
    label: 'auditChain',
    icon: <SafetyOutlined />,
    group: 'auditGroup',
    allowed: (a) => a.can('audit.chainStatus'),
    element: <ChainStatusPage />,
  },
  {
    path: '/audit/exchange',
    label: 'auditExchange',
    icon: <MonitorOutlined />,
    group: 'auditGroup',
    allowed: (a) => a.can('audit.exchangeStatus'),
    element: <ExchangeStatusPage />,
  },
  {
    path: '/jurisdictions',
    label: 'jurisdictions',
    icon: <BankOutlined />,
    group: 'orgGroup',
    allowed: (a) => a.can('jurisdiction.manage'),
    element: <JurisdictionsPage />,
  },
  {
    path: '/departments',
    label: 'departments',
    icon: <ApartmentOutlined />,
    group: 'orgGroup',
    allowed: (a) => a.can('department.manage', 'department.office.manage'),
    element: <DepartmentsPage />,
  },
  {
    path: '/users',
    label: 'users',
    icon: <TeamOutlined />,
    group: 'accessGroup',
    allowed: (a) =>
      a.can('user.manage', 'user.grantRole', 'user.unlock', 'user.resetPassword') ||
      readsOthers(a, 'user.read'),
    element: <UsersPage />,
  },
  {
    path: '/dual-control',
    label: 'dualControl',
    icon: <SafetyOutlined />,
    group: 'accessGroup',
    allowed: (a) => a.can('dualControl.read'),
    element: <DualControlPage />,
  },
  {
    path: '/account-security',
    label: 'accountSecurity',
    icon: <LockOutlined />,
    group: 'accessGroup',
    allowed: (a) => a.can('security.accounts.read'),
    element: <AccountSecurityPage />,
  },
  {
    path: '/security/alerts',
    label: 'securityAlerts',
    icon: <AlertOutlined />,
    group: 'accessGroup',
    allowed: (a) => a.can('supervision.alert.read'),
    element: <SecurityAlertsPage />,
  },
  {
    path: '/roles',
    label: 'roles',
    icon: <SafetyCertificateOutlined />,
    group: 'accessGroup',
    allowed: (a) => a.can('user.manage', 'user.grantRole') || readsOthers(a, 'user.read'),
    element: <RolesPage />,
  },
  {
    // Not /api-clients: the server hands every path under /api to the API, not to the portal.
    path: '/clients',
    label: 'apiClients',
    icon: <ApiOutlined />,
    group: 'accessGroup',
    allowed: (a) => a.can('apiClient.read', 'apiClient.manage', 'apiClient.revoke'),
    element: <ApiClientsPage />,
  },
  {
    path: '/policy',
    label: 'policy',
    icon: <FileProtectOutlined />,
    group: 'settingsGroup',
    element: <PolicyPage />,
  },
  {
    path: '/calendar',
    label: 'calendar',
    icon: <CalendarOutlined />,
    group: 'settingsGroup',
    element: <CalendarPage />,
  },
  {
    path: '/supervision/statistics',
    label: 'supervisionStatistics',
    icon: <BarChartOutlined />,
    group: 'supervisionGroup',
    // The authority over its jurisdiction, the operator and the auditor (a department sees its own on the home page).
    allowed: (a) => watchesWide(a, 'supervision.indicator.read'),
    element: <SupervisionStatisticsPage />,
  },
  {
    path: '/supervision/violations',
    label: 'supervisionViolations',
    icon: <WarningOutlined />,
    group: 'supervisionGroup',
    // The authority, the operator and the auditor; a department's administrators see their own cases.
    allowed: (a) => a.can('supervision.violation.read', 'supervision.violation.rectify'),
    element: <ViolationsPage />,
  },
  {
    path: '/supervision/circulars',
    label: 'supervisionCirculars',
    icon: <NotificationOutlined />,
    group: 'supervisionGroup',
    allowed: (a) => a.can('supervision.circular.read'),
    element: <CircularsPage />,
    nested: true,
  },
  {
    path: '/supervision/evaluations',
    label: 'supervisionEvaluations',
    icon: <TrophyOutlined />,
    group: 'supervisionGroup',
    // Every signed-in user reads published public evaluations; the page lists what each may see.
    element: <EvaluationsPage />,
    nested: true,
  },
  {
    path: '/supervision/reports',
    label: 'supervisionReports',
    icon: <FileDoneOutlined />,
    group: 'supervisionGroup',
    allowed: (a) => a.can('supervision.report.read'),
    element: <DepartmentReportsPage />,
    nested: true,
  },
  {
    path: '/supervision/compliance',
    label: 'supervisionCompliance',
    icon: <SafetyCertificateOutlined />,
    group: 'supervisionGroup',
    // Every signed-in user verifies a report by number and digest; the list shows what each may read.
    element: <CompliancePage />,
    nested: true,
  },
  {
    path: '/jobs',
    label: 'jobs',
    icon: <ScheduleOutlined />,
    group: 'settingsGroup',
    allowed: (a) => a.can('platform.jobs.read'),
    element: <JobsPage />,
  },
];

/**
 * The menu item of a location: the one that owns the path, else the longest path that prefixes it
 * (`/catalog/123` is 目录检索's). Undefined for pages outside the menu (a case opened from a list).
 */
export function navItemOf(nav: NavItem[], pathname: string): NavItem | undefined {
  const owner = nav.find((item) => item.owns?.includes(pathname));
  if (owner) return owner;
  const matches = nav.filter((item) =>
    item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`),
  );
  return matches.sort((a, b) => b.path.length - a.path.length)[0];
}

export function useVisibleNav(): NavItem[] {
  const session = useSession();
  return NAV.filter((item) => item.allowed?.(session) ?? true);
}

export function RequirePermission({ item, children }: { item: NavItem; children: ReactNode }) {
  const session = useSession();
  const { t } = useTranslation();
  if (item.allowed && !session.ready) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (item.allowed && !item.allowed(session)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('common.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
