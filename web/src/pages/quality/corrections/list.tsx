import { FileAddOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  CORRECTION_STATUS_ORDER,
  type Correction,
  type CorrectionStatus,
  type CorrectionView,
} from '../../../api/quality.ts';
import { PageHeader } from '../../../layout/page-header.tsx';
import { ErrorAlert } from '../../../lib/errors.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useApi } from '../../../lib/use-api.ts';
import { useSession } from '../../../session/index.tsx';
import { FileCorrectionModal, type FilingTarget } from './file-modal.tsx';
import { DueCell, StatusTag } from './shared.tsx';

const PAGE_SIZE = 20;

/** The views a reader has: what its department filed, what it received, what the authority watches. */
function useViews(): CorrectionView[] {
  const { can, reach } = useSession();
  const views: CorrectionView[] = [];
  if (can('quality.correction.file')) views.push('filed');
  if (can('quality.correction.answer') || reach('quality.correction.read') === 'department')
    views.push('received');
  if (
    can('quality.correction.route') ||
    ['jurisdiction', 'all'].includes(reach('quality.correction.read') ?? '')
  )
    views.push('authority');
  return views;
}

/** 校核纠错: the requests the reader's department filed or received, or that its authority watches. */
export function CorrectionList() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const views = useViews();
  const [chosen, setView] = useState<CorrectionView>();
  const view = chosen && views.includes(chosen) ? chosen : views[0];
  const [status, setStatus] = useState<CorrectionStatus>();
  const [page, setPage] = useState(1);
  const [filing, setFiling] = useState<FilingTarget>();
  const list = useApi(view ? '/quality/corrections' : null, {
    view,
    status,
    page,
    pageSize: PAGE_SIZE,
  });
  return (
    <>
      <PageHeader
        title={t('qualityCorrections.title')}
        subtitle={t('qualityCorrections.subtitle')}
        extra={
          can('quality.correction.file') && (
            <Button
              type="primary"
              icon={<FileAddOutlined />}
              onClick={() => setFiling({ scope: 'resource' })}
              data-testid="corrections-file-resource"
            >
              {t('qualityCorrections.fileResource')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        {views.length > 1 && (
          <Tabs
            activeKey={view}
            onChange={(k) => {
              setView(k as CorrectionView);
              setPage(1);
            }}
            items={views.map((v) => ({
              key: v,
              label: <span data-testid={`corrections-tab-${v}`}>{t(`qualityCorrections.tabs.${v}`)}</span>,
            }))}
          />
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<CorrectionStatus | 'all'>
            value={status ?? 'all'}
            style={{ minWidth: 180 }}
            aria-label={t('qualityCorrections.statusFilter')}
            data-testid="corrections-status"
            onChange={(s) => {
              setStatus(s === 'all' ? undefined : s);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('qualityCorrections.allStatuses') },
              ...CORRECTION_STATUS_ORDER.map((s) => ({
                value: s,
                label: t(`qualityCorrections.statuses.${s}`),
              })),
            ]}
          />
        </Space>
        <Table<Correction>
          rowKey="id"
          size="middle"
          loading={list.loading}
          scroll={{ x: true }}
          dataSource={list.data?.items ?? []}
          data-testid="corrections-table"
          rowClassName={(row) => (row.overdue ? 'gs-overdue-row' : '')}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setPage,
          }}
          locale={{ emptyText: <Empty description={t('qualityCorrections.empty')} /> }}
          columns={[
            {
              title: t('qualityCorrections.fields.number'),
              key: 'number',
              render: (_, row) => (
                <Link to={`/quality/corrections/${row.id}`} data-testid={`correction-link-${row.number}`}>
                  {row.number}
                </Link>
              ),
            },
            {
              title: t('qualityCorrections.fields.resource'),
              key: 'resource',
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  <span>{row.entry.name}</span>
                  <span style={{ color: '#64748b', fontSize: 12 }}>
                    {t(`qualityCorrections.scopes.${row.scope}`)}
                  </span>
                </Space>
              ),
            },
            {
              title: t('qualityCorrections.fields.consumer'),
              key: 'consumer',
              responsive: ['md'],
              render: (_, row) => row.consumer.name,
            },
            {
              title: t('qualityCorrections.fields.provider'),
              key: 'provider',
              responsive: ['md'],
              render: (_, row) => row.provider.name,
            },
            {
              title: t('qualityCorrections.fields.status'),
              key: 'status',
              render: (_, row) => <StatusTag status={row.status} />,
            },
            {
              title: t('qualityCorrections.fields.due'),
              key: 'due',
              render: (_, row) => <DueCell c={row} />,
            },
            {
              title: t('qualityCorrections.fields.filedAt'),
              key: 'createdAt',
              responsive: ['lg'],
              render: (_, row) => formatDateTime(row.createdAt, i18n.language),
            },
          ]}
        />
      </Card>
      <FileCorrectionModal target={filing} onClose={() => setFiling(undefined)} />
    </>
  );
}
