import { Card, Empty, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import type { Grant } from '../../api/sharing.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { GrantPage } from './grant-page.tsx';
import { GrantStatusTag, MethodTags, PurposeText } from './shared.tsx';

type Side = 'held' | 'given' | 'all';

/** 共享授权: held and given at `/sharing/grants`, one grant with its history at `:id`. */
export function GrantsPage() {
  return (
    <Routes>
      <Route index element={<GrantList />} />
      <Route path=":id" element={<GrantPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function GrantList() {
  const { t } = useTranslation();
  const { reach } = useSession();
  const wide = ['all', 'jurisdiction'].includes(reach('sharing.case.read') ?? '');
  const [side, setSide] = useState<Side>(wide ? 'all' : 'held');
  const [page, setPage] = useState(1);
  const list = useApi('/sharing/grants', { as: side, page, pageSize: 20 });
  const sides: Side[] = wide ? ['all', 'held', 'given'] : ['held', 'given'];
  return (
    <>
      <PageHeader title={t('sharing.grants.title')} subtitle={t('sharing.grants.subtitle')} />
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
            label: <span data-testid={`grants-tab-${s}`}>{t(`sharing.grants.tabs.${s}`)}</span>,
          }))}
        />
        <Table<Grant>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="grants-table"
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: <Empty description={t('sharing.grants.empty')} /> }}
          columns={[
            {
              title: t('sharing.fields.entry'),
              key: 'entry',
              render: (_, row) => (
                <Link to={`/sharing/grants/${row.id}`} data-testid={`grant-link-${row.entry.code}`}>
                  {row.entry.name}
                </Link>
              ),
            },
            side === 'held'
              ? {
                  title: t('sharing.fields.provider'),
                  key: 'provider',
                  render: (_, row) => row.provider.name,
                }
              : { title: t('sharing.fields.holder'), key: 'consumer', render: (_, row) => row.consumer.name },
            {
              title: t('sharing.fields.grantedItems'),
              key: 'items',
              render: (_, row) => <span data-testid="grant-row-items">{row.items.join('、')}</span>,
            },
            {
              title: t('sharing.fields.purpose'),
              key: 'purpose',
              render: (_, row) => <PurposeText purpose={row.purpose} />,
            },
            {
              title: t('sharing.fields.methods'),
              key: 'methods',
              render: (_, row) => <MethodTags methods={row.methods} />,
            },
            {
              title: t('sharing.fields.validity'),
              key: 'validity',
              render: (_, row) => `${row.validFrom} ~ ${row.validUntil}`,
            },
            {
              title: t('sharing.fields.origin'),
              key: 'origin',
              render: (_, row) => t(`sharing.origins.${row.origin}`),
            },
            {
              title: t('sharing.fields.status'),
              key: 'status',
              render: (_, row) => <GrantStatusTag status={row.status} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
