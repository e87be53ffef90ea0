import { Card, Empty, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import type { Complaint } from '../../api/sharing.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { NotFoundPage } from '../not-found.tsx';
import { ComplaintPage } from './complaint/complaint-page.tsx';
import { DeadlineCell } from './shared.tsx';

type Side = 'all' | 'complainant' | 'respondent';

/** 投诉: complaints at `/sharing/complaints`, one with its written answer at `:id` (R118). */
export function ComplaintsPage() {
  return (
    <Routes>
      <Route index element={<ComplaintList />} />
      <Route path=":id" element={<ComplaintPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ComplaintList() {
  const { t, i18n } = useTranslation();
  const [side, setSide] = useState<Side>('all');
  const [page, setPage] = useState(1);
  const list = useApi('/sharing/complaints', { as: side, page, pageSize: 20 });
  return (
    <>
      <PageHeader title={t('sharing.complaints.title')} subtitle={t('sharing.complaints.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Tabs
          activeKey={side}
          onChange={(k) => {
            setSide(k as Side);
            setPage(1);
          }}
          items={(['all', 'complainant', 'respondent'] as const).map((s) => ({
            key: s,
            label: t(`sharing.complaints.tabs.${s}`),
          }))}
        />
        <Table<Complaint>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="complaints-table"
          rowClassName={(row) => (row.overdue ? 'gs-overdue-row' : '')}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: <Empty description={t('sharing.complaints.empty')} /> }}
          columns={[
            {
              title: t('sharing.complaints.fields.number'),
              key: 'number',
              width: 150,
              render: (_, row) => (
                <Link to={`/sharing/complaints/${row.id}`} data-testid={`complaint-link-${row.number}`}>
                  {row.number}
                </Link>
              ),
            },
            {
              title: t('sharing.complaints.fields.kind'),
              key: 'kind',
              render: (_, row) => t(`sharing.complaints.kinds.${row.kind}`),
            },
            {
              title: t('sharing.complaints.fields.complainant'),
              key: 'complainant',
              // A misuse finding has no complainant: the provider or the authority found it (N17).
              render: (_, row) =>
                row.finding
                  ? `${t('sharing.complaints.finding.foundBy')}：${t(`sharing.complaints.finding.finders.${row.finding.by}`)}`
                  : row.complainant.name,
            },
            {
              title: t('sharing.complaints.fields.respondent'),
              key: 'respondent',
              render: (_, row) => row.respondent.name,
            },
            {
              title: t('sharing.fields.status'),
              key: 'status',
              render: (_, row) => (
                <>
                  <Tag>{t(`sharing.complaints.statuses.${row.status}`)}</Tag>
                  {row.outcome && <Tag>{t(`sharing.complaints.outcomes.${row.outcome}`)}</Tag>}
                </>
              ),
            },
            {
              title: t('sharing.complaints.fields.dueDate'),
              key: 'deadline',
              render: (_, row) => {
                const open = row.status === 'received' || row.status === 'investigating';
                return (
                  <DeadlineCell
                    deadline={row.deadline}
                    overdue={row.overdue}
                    open={open}
                    noPeriod={!row.deadline && open}
                    late={false}
                  />
                );
              },
            },
            {
              title: t('sharing.fields.submittedAt'),
              key: 'createdAt',
              render: (_, row) => formatDateTime(row.createdAt, i18n.language),
            },
          ]}
        />
      </Card>
    </>
  );
}
