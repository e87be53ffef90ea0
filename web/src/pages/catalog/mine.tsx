import './catalog.css';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Dropdown, Empty, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { catalogLinks, type EntryStatus, type EntrySummary } from '../../api/catalog.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useMe } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import { entryColumns } from './entry-columns.tsx';
import { ImportPage } from './import.tsx';
import { RevisionTag, ShareTypeTag, StatusTag } from './tags.tsx';
import { useVocabulary } from './vocabulary.ts';

const STATUSES: EntryStatus[] = ['draft', 'submitted', 'returned', 'ratified', 'published', 'withdrawn'];
const PAGE_SIZE = 20;

/** 我的目录 at `/my-catalog`, its import page at `/my-catalog/import`. */
export function MyCatalogPage() {
  return (
    <Routes>
      <Route index element={<MyEntries />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** How many of the department's entries are in a status (one small count query each). */
function useCount(status: EntryStatus | undefined): number | undefined {
  const list = useApi('/catalog/entries', { mine: true, status, pageSize: 1 });
  return list.data?.total;
}

function CountTab({ status, label }: { status: EntryStatus | undefined; label: string }) {
  const count = useCount(status);
  return (
    <Space size={6}>
      {label}
      <Badge
        count={count ?? 0}
        showZero
        overflowCount={9999}
        color={
          !count
            ? '#cbd5e1'
            : status === 'returned'
              ? '#f59e0b'
              : status === 'submitted'
                ? '#1d4ed8'
                : '#475569'
        }
        data-testid={`mine-count-${status ?? 'all'}`}
      />
    </Space>
  );
}

function MyEntries() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { label } = useVocabulary();
  const [status, setStatus] = useState<EntryStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const list = useApi('/catalog/entries', {
    mine: true,
    status: status === 'all' ? undefined : status,
    page,
    pageSize: PAGE_SIZE,
  });

  return (
    <>
      <PageHeader
        title={t('catalog.mine.title')}
        subtitle={t('catalog.mine.subtitle', { department: me.department.name })}
        extra={
          <Space wrap>
            <Dropdown
              menu={{
                items: (['xlsx', 'json'] as const).map((format) => ({
                  key: format,
                  label: (
                    <a href={catalogLinks.departmentExport(me.department.id, format)} download>
                      {t(`catalog.common.export.${format}`)}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />} data-testid="mine-export">
                {t('catalog.common.export.title')}
              </Button>
            </Dropdown>
            <Link to="/my-catalog/import">
              <Button icon={<UploadOutlined />} data-testid="mine-import">
                {t('catalog.import.title')}
              </Button>
            </Link>
            <Link to="/catalog/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="mine-new">
                {t('catalog.editor.newTitle')}
              </Button>
            </Link>
          </Space>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Tabs
          activeKey={status}
          onChange={(key) => {
            setStatus(key as EntryStatus | 'all');
            setPage(1);
          }}
          items={[
            { key: 'all', label: <CountTab status={undefined} label={t('common.all')} /> },
            ...STATUSES.map((s) => ({
              key: s,
              label: <CountTab status={s} label={t(`catalog.statuses.${s}`)} />,
            })),
          ]}
        />
        <Table<EntrySummary>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="mine-table"
          locale={{
            emptyText: (
              <Empty description={t('catalog.mine.empty')}>
                <Link to="/catalog/new">
                  <Button type="primary" icon={<PlusOutlined />}>
                    {t('catalog.editor.newTitle')}
                  </Button>
                </Link>
              </Empty>
            ),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (count) => t('common.total', { count }),
          }}
          columns={[
            ...entryColumns<EntrySummary>(t, 'mine-link'),
            {
              title: t('catalog.fields.catalogClass'),
              dataIndex: 'catalogClass',
              render: (c: string) => label('catalogClasses', c),
            },
            {
              title: t('catalog.fields.shareType'),
              dataIndex: 'shareType',
              render: (type: EntrySummary['shareType']) => <ShareTypeTag type={type} />,
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (s: EntryStatus, row) => (
                <Space size={0}>
                  <StatusTag status={s} />
                  <RevisionTag entry={row} />
                </Space>
              ),
            },
            {
              title: t('catalog.fields.version'),
              key: 'version',
              render: (_, row) =>
                `v${row.currentVersion}${row.publishedVersion ? ` / v${row.publishedVersion}` : ''}`,
            },
            {
              title: t('catalog.fields.updatedAt'),
              dataIndex: 'updatedAt',
              render: (at: string) => formatDateTime(at, i18n.language),
            },
          ]}
        />
      </Card>
    </>
  );
}
