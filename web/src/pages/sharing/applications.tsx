import { Alert, Badge, Card, Checkbox, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import type { ApplicationStatus } from '../../api/sharing.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { ApplicationTable } from './application-table.tsx';
import { ApplyWizard } from './apply/wizard.tsx';
import { CasePage } from './case/case-page.tsx';
import { useHeadRole } from './head-role.ts';

/** Every state an application passes through, in the order of its life (809 第二十条 consents included). */
export const APPLICATION_STATUS_FILTER: ApplicationStatus[] = [
  'endorsing',
  'not_endorsed',
  'pending',
  'answer_review',
  'returned',
  'approved',
  'partially_approved',
  'refused',
  'withdrawn',
];

type Tab = 'consumer' | 'awaiting' | 'all';

/** 共享申请: my department's list at `/sharing/applications`, the wizard at `new`, a case at `:id`. */
export function ApplicationsPage() {
  return (
    <Routes>
      <Route index element={<ApplicationList />} />
      <Route path="new" element={<ApplyWizard />} />
      <Route path=":id" element={<CasePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/**
 * The department's applications; the head of its sharing office (or the officer recording the
 * word of a head without an account) also has 待我同意: what waits for the head's consent.
 */
function ApplicationList() {
  const { t } = useTranslation();
  const { reach } = useSession();
  const { role } = useHeadRole();
  const wide = ['all', 'jurisdiction'].includes(reach('sharing.case.read') ?? '');
  const [tab, setTab] = useState<Tab>();
  const [status, setStatus] = useState<ApplicationStatus>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const signs = role !== 'none';
  const current: Tab = tab ?? (wide ? 'all' : 'consumer');
  const awaiting = current === 'awaiting';
  const list = useApi(awaiting ? null : '/sharing/applications', {
    as: awaiting ? undefined : current,
    status,
    overdue: overdue || undefined,
    page,
    pageSize: 20,
  });
  return (
    <>
      <PageHeader title={t('sharing.applications.title')} subtitle={t('sharing.applications.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Tabs
          activeKey={current}
          onChange={(k) => {
            setTab(k as Tab);
            setPage(1);
          }}
          items={[
            ...(signs
              ? [
                  {
                    key: 'awaiting',
                    label: <AwaitingTabLabel />,
                  },
                ]
              : []),
            { key: 'consumer', label: t('sharing.applications.tabs.consumer') },
            ...(wide ? [{ key: 'all', label: t('sharing.applications.tabs.all') }] : []),
          ]}
        />
        {/* Beside the tabs, not inside their tab list: a filter is not a tab (WCAG, axe). */}
        {!awaiting && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Select<ApplicationStatus>
              allowClear
              style={{ width: 150 }}
              placeholder={t('sharing.applications.allStatuses')}
              aria-label={t('sharing.applications.allStatuses')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              data-testid="applications-status"
              options={APPLICATION_STATUS_FILTER.map((s) => ({
                value: s,
                label: t(`sharing.statuses.${s}`),
              }))}
            />
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
              {t('sharing.applications.overdueOnly')}
            </Checkbox>
          </Space>
        )}
        {awaiting ? (
          <>
            <Alert
              type="info"
              style={{ marginBottom: 12 }}
              data-testid="applications-awaiting-hint"
              title={t('sharing.applications.awaitingHint')}
              description={role === 'officer' ? t('sharing.applications.awaitingOfficerHint') : undefined}
            />
            <AwaitingSection as="consumer" status="endorsing" testId="applications-table" />
            <AwaitingSection as="provider" status="answer_review" testId="awaiting-answers-table" />
          </>
        ) : (
          <ApplicationTable
            data={list.data}
            loading={list.loading}
            party={current === 'all' ? 'both' : 'consumer'}
            page={page}
            onPage={setPage}
            testId="applications-table"
            openLabel={t('sharing.applications.open')}
          />
        )}
      </Card>
    </>
  );
}

/** 待我同意 with how many wait: the department's applications and its drafted answers together. */
function AwaitingTabLabel() {
  const { t } = useTranslation();
  const one = { page: 1, pageSize: 1 };
  const applications = useApi('/sharing/applications', {
    as: 'consumer',
    status: 'endorsing',
    ...one,
  });
  const answers = useApi('/sharing/applications', {
    as: 'provider',
    status: 'answer_review',
    ...one,
  });
  const waiting = (applications.data?.total ?? 0) + (answers.data?.total ?? 0);
  return (
    <Space size={6} data-testid="applications-tab-awaiting" data-count={waiting}>
      {t('sharing.applications.tabs.awaiting')}
      <Badge count={waiting} size="small" />
    </Space>
  );
}

/**
 * One kind of what waits for the head (809 第二十条): the department's own applications before they
 * are made (第二款), or the answers its staff drafted to other departments' applications (第三款).
 * The head need not be a resource administrator to find the answers here.
 */
function AwaitingSection({
  as,
  status,
  testId,
}: {
  as: 'consumer' | 'provider';
  status: ApplicationStatus;
  testId: string;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useApi('/sharing/applications', { as, status, page, pageSize: 20 });
  return (
    <section style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t(`sharing.applications.awaitingSections.${as}`)}</Typography.Title>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ApplicationTable
        data={list.data}
        loading={list.loading}
        party={as}
        page={page}
        onPage={setPage}
        testId={testId}
        openLabel={t('sharing.applications.open')}
      />
    </section>
  );
}
