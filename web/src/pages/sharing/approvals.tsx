import { Card, Checkbox } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application } from '../../api/sharing.ts';
import type { Page } from '../../api/types.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { ApplicationTable } from './application-table.tsx';

/**
 * 申请审批: applications to the reader's department, undecided first and the nearest deadline on
 * top (the server orders them), overdue in red with the working days past (R32, R40, R127).
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const [pendingOnly, setPendingOnly] = useState(true);
  const [page, setPage] = useState(1);
  const list = useApi<Page<Application>>('/sharing/applications', {
    as: 'provider',
    status: pendingOnly ? 'pending' : undefined,
    page,
    pageSize: 20,
  });
  return (
    <>
      <PageHeader
        title={t('sharing.approvals.title')}
        subtitle={t('sharing.approvals.subtitle')}
        extra={
          <Checkbox
            checked={pendingOnly}
            onChange={(e) => {
              setPendingOnly(e.target.checked);
              setPage(1);
            }}
            data-testid="approvals-pending-only"
          >
            {t('sharing.approvals.pendingOnly')}
          </Checkbox>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <ApplicationTable
          data={list.data}
          loading={list.loading}
          party="provider"
          page={page}
          onPage={setPage}
          testId="approvals-table"
          openLabel={t('sharing.approvals.handle')}
        />
      </Card>
    </>
  );
}
