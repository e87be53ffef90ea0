import { Card, Empty, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

/** 数据快照 by case number (R107): those the reader may see, newest first. */
export function SnapshotListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const caseNumber = params.get('caseNumber') ?? '';
  const [typed, setTyped] = useState(caseNumber);
  const list = useApi('/seal/snapshots', caseNumber ? { caseNumber } : {});
  return (
    <>
      <PageHeader title={t('snapshots.title')} subtitle={t('snapshots.subtitle')} onRefresh={list.reload} />
      <Card variant="borderless">
        <Input.Search
          aria-label={t('snapshots.caseNumber')}
          data-testid="snapshot-case"
          placeholder={t('snapshots.casePlaceholder')}
          enterButton={t('snapshots.search')}
          allowClear
          maxLength={64}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(value) => setParams(value.trim() ? { caseNumber: value.trim() } : {})}
          style={{ maxWidth: 480, marginBottom: 16 }}
        />
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table
          data-testid="snapshot-list"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('snapshots.empty')} /> }}
          columns={[
            {
              title: t('snapshots.caseNumber'),
              dataIndex: 'caseNumber',
              render: (value: string, row) => <Link to={`/snapshots/${row.id}`}>{value}</Link>,
            },
            {
              title: t('snapshots.takenAt'),
              dataIndex: 'takenAt',
              render: (value: string) => formatDateTime(value, i18n.language),
            },
            {
              title: t('snapshots.resource'),
              key: 'resource',
              render: (_: unknown, row) => (
                <>
                  {row.entry.name} <Tag>{t(`snapshots.${row.kind}`)}</Tag>
                </>
              ),
            },
            {
              title: t('snapshots.department'),
              key: 'department',
              render: (_: unknown, row) => row.requester.departmentName,
            },
            { title: t('snapshots.records'), dataIndex: 'recordCount' },
            {
              title: t('snapshots.open'),
              key: 'open',
              render: (_: unknown, row) => <Link to={`/snapshots/${row.id}`}>{t('snapshots.open')}</Link>,
            },
          ]}
        />
      </Card>
    </>
  );
}
