import { Card, Empty, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import type { Agreement } from '../../api/sharing.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { AgreementPage } from './agreement/agreement-page.tsx';
import { AgreementStatusTag } from './agreement/status-tag.tsx';

type Side = 'all' | 'consumer' | 'provider';

/** 协议共享: agreements with their filing status at `/sharing/agreements`, one at `:id` (R35). */
export function AgreementsPage() {
  return (
    <Routes>
      <Route index element={<AgreementList />} />
      <Route path=":id" element={<AgreementPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function AgreementList() {
  const { t, i18n } = useTranslation();
  const { reach } = useSession();
  const wide = ['all', 'jurisdiction'].includes(reach('sharing.case.read') ?? '');
  const [side, setSide] = useState<Side>('all');
  const [page, setPage] = useState(1);
  const list = useApi('/sharing/agreements', { as: side, page, pageSize: 20 });
  return (
    <>
      <PageHeader title={t('sharing.agreements.title')} subtitle={t('sharing.agreements.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Tabs
          activeKey={side}
          onChange={(k) => {
            setSide(k as Side);
            setPage(1);
          }}
          items={(['all', 'consumer', 'provider'] as const).map((s) => ({
            key: s,
            label: t(
              s === 'all'
                ? wide
                  ? 'sharing.agreements.tabs.all'
                  : 'sharing.agreements.tabs.mine'
                : `sharing.agreements.tabs.${s}`,
            ),
          }))}
        />
        <Table<Agreement>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="agreements-table"
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: <Empty description={t('sharing.agreements.empty')} /> }}
          columns={[
            {
              title: t('sharing.agreements.fields.number'),
              key: 'number',
              width: 150,
              render: (_, row) => (
                <Link to={`/sharing/agreements/${row.id}`} data-testid={`agreement-link-${row.number}`}>
                  {row.number}
                </Link>
              ),
            },
            { title: t('sharing.fields.entry'), key: 'entry', render: (_, row) => row.entry.name },
            { title: t('sharing.fields.consumer'), key: 'consumer', render: (_, row) => row.consumer.name },
            { title: t('sharing.fields.provider'), key: 'provider', render: (_, row) => row.provider.name },
            {
              title: t('sharing.agreements.fields.frequency'),
              key: 'frequency',
              render: (_, row) => t(`sharing.agreements.frequencies.${row.frequency}`),
            },
            {
              title: t('sharing.fields.validity'),
              key: 'validity',
              render: (_, row) => `${row.validFrom} ~ ${row.validUntil}`,
            },
            {
              title: t('sharing.agreements.fields.filing'),
              key: 'status',
              render: (_, row) => (
                <>
                  <AgreementStatusTag status={row.status} />
                  {row.effective ? <Tag color="green">{t('sharing.agreements.effective')}</Tag> : null}
                </>
              ),
            },
            {
              title: t('sharing.agreements.fields.filedAt'),
              key: 'filedAt',
              render: (_, row) => formatDateTime(row.filedAt, i18n.language),
            },
          ]}
        />
      </Card>
    </>
  );
}
