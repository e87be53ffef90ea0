import { Card, Checkbox, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { APPLICATION_STATUS_OPTIONS, type Application, type ApplicationStatus } from '../../api/sharing.ts';
import type { Page } from '../../api/types.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { ApplicationTable } from './application-table.tsx';
import { ApplyWizard } from './apply/wizard.tsx';
import { CasePage } from './case/case-page.tsx';

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

function ApplicationList() {
  const { t } = useTranslation();
  const { reach } = useSession();
  const wide = ['all', 'jurisdiction'].includes(reach('sharing.case.read') ?? '');
  const [as, setAs] = useState<'consumer' | 'all'>(wide ? 'all' : 'consumer');
  const [status, setStatus] = useState<ApplicationStatus>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const list = useApi<Page<Application>>('/sharing/applications', {
    as,
    status,
    overdue: overdue ? 'true' : undefined,
    page,
    pageSize: 20,
  });
  return (
    <>
      <PageHeader title={t('sharing.applications.title')} subtitle={t('sharing.applications.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Tabs
          activeKey={as}
          onChange={(k) => {
            setAs(k as 'consumer' | 'all');
            setPage(1);
          }}
          items={[
            { key: 'consumer', label: t('sharing.applications.tabs.consumer') },
            ...(wide ? [{ key: 'all', label: t('sharing.applications.tabs.all') }] : []),
          ]}
          tabBarExtraContent={
            <Space>
              <Select<ApplicationStatus>
                allowClear
                style={{ width: 150 }}
                placeholder={t('sharing.applications.allStatuses')}
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPage(1);
                }}
                options={APPLICATION_STATUS_OPTIONS.map((s) => ({
                  value: s,
                  label: t(`sharing.statuses.${s}`),
                }))}
              />
              <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
                {t('sharing.applications.overdueOnly')}
              </Checkbox>
            </Space>
          }
        />
        <ApplicationTable
          data={list.data}
          loading={list.loading}
          party={as === 'all' ? 'both' : 'consumer'}
          page={page}
          onPage={setPage}
          testId="applications-table"
          openLabel={t('sharing.applications.open')}
        />
      </Card>
    </>
  );
}
