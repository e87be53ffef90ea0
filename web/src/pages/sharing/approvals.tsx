import { Card, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../api/sharing.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { ApplicationTable } from './application-table.tsx';
import { useHeadRole } from './head-role.ts';

type Filter = 'pending' | 'answer_review' | 'all';

const FILTER_STATUS: Record<Filter, ApplicationStatus | undefined> = {
  pending: 'pending',
  answer_review: 'answer_review',
  all: undefined,
};

/**
 * 申请审批: applications to the reader's department, undecided first and the nearest deadline on
 * top (the server orders them), overdue in red with the working days past (R32, R40, R127). Answers
 * drafted for the head's consent (809 第二十条第三款) have their own filter, 待我同意 for the head.
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const { role } = useHeadRole();
  const [filter, setFilter] = useState<Filter>();
  const [page, setPage] = useState(1);
  const signs = role !== 'none';
  // The inbox opens on what awaits a reply, for the head too (who may answer as well as consent).
  const current: Filter = filter ?? 'pending';
  const list = useApi('/sharing/applications', {
    as: 'provider',
    status: FILTER_STATUS[current],
    page,
    pageSize: 20,
  });
  return (
    <>
      <PageHeader
        title={t('sharing.approvals.title')}
        subtitle={t('sharing.approvals.subtitle')}
        extra={
          <Segmented<Filter>
            value={current}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
            data-testid="approvals-filter"
            options={(['pending', 'answer_review', 'all'] as const).map((f) => ({
              value: f,
              label: (
                <span data-testid={`approvals-filter-${f}`}>
                  {f === 'answer_review' && signs
                    ? t('sharing.approvals.filters.mine')
                    : t(`sharing.approvals.filters.${f}`)}
                </span>
              ),
            }))}
          />
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
