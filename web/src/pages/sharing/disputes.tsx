import { Card, Empty, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import type { Dispute } from '../../api/sharing.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { DisputePage } from './dispute/dispute-page.tsx';
import { DisputeStatusTag, OPEN_DISPUTE } from './dispute/status-tag.tsx';
import { DeadlineCell } from './shared.tsx';

type Side = 'consumer' | 'provider' | 'all';

/** 协商协调: the cases at `/sharing/disputes`, one case with its steps at `:id` (R37, R38). */
export function DisputesPage() {
  return (
    <Routes>
      <Route index element={<DisputeList />} />
      <Route path=":id" element={<DisputePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function DisputeList() {
  const { t } = useTranslation();
  const { reach } = useSession();
  const wide = ['all', 'jurisdiction'].includes(reach('sharing.case.read') ?? '');
  const [side, setSide] = useState<Side>('all');
  const [page, setPage] = useState(1);
  const list = useApi('/sharing/disputes', { as: side, page, pageSize: 20 });
  const sides: Side[] = ['all', 'consumer', 'provider'];
  return (
    <>
      <PageHeader title={t('sharing.disputes.title')} subtitle={t('sharing.disputes.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Tabs
          activeKey={side}
          onChange={(k) => {
            setSide(k as Side);
            setPage(1);
          }}
          items={sides.map((s) => ({
            key: s,
            label: t(s === 'all' && !wide ? 'sharing.disputes.tabs.mine' : `sharing.disputes.tabs.${s}`),
          }))}
        />
        <Table<Dispute>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="disputes-table"
          rowClassName={(row) => (row.overdue ? 'gs-overdue-row' : '')}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: <Empty description={t('sharing.disputes.empty')} /> }}
          columns={[
            {
              title: t('sharing.disputes.fields.number'),
              key: 'number',
              width: 150,
              render: (_, row) => (
                <Link to={`/sharing/disputes/${row.id}`} data-testid={`dispute-link-${row.number}`}>
                  {row.number}
                </Link>
              ),
            },
            { title: t('sharing.fields.entry'), key: 'entry', render: (_, row) => row.entry.name },
            { title: t('sharing.fields.consumer'), key: 'consumer', render: (_, row) => row.consumer.name },
            { title: t('sharing.fields.provider'), key: 'provider', render: (_, row) => row.provider.name },
            {
              title: t('sharing.fields.status'),
              key: 'status',
              render: (_, row) => <DisputeStatusTag status={row.status} />,
            },
            {
              title: t('sharing.disputes.fields.stageDue'),
              key: 'deadline',
              render: (_, row) => (
                <DeadlineCell
                  deadline={row.deadline}
                  overdue={row.overdue}
                  open={OPEN_DISPUTE.includes(row.status)}
                  noPeriod={!row.deadline && OPEN_DISPUTE.includes(row.status)}
                  late={false}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
