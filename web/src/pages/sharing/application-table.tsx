import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Application, ApplicationPage } from '../../api/sharing.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ApplicationStatusTag, applicationDeadline, DeadlineCell, PurposeText } from './shared.tsx';

/**
 * Applications as a table: the consumer's list and the provider's inbox differ in the party they
 * show; an overdue case is a red row (R40).
 */
export function ApplicationTable({
  data,
  loading,
  party,
  page,
  onPage,
  testId,
  openLabel,
}: {
  data: ApplicationPage | undefined;
  loading: boolean;
  party: 'consumer' | 'provider' | 'both';
  page: number;
  onPage(page: number): void;
  testId: string;
  openLabel: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table<Application>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      data-testid={testId}
      rowClassName={(row) => (row.overdue ? 'gs-overdue-row' : '')}
      onRow={(row) =>
        ({ 'data-number': row.number, 'data-overdue': row.overdue }) as React.HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: page,
        pageSize: 20,
        total: data?.total ?? 0,
        hideOnSinglePage: true,
        onChange: onPage,
        showTotal: (total) => t('common.total', { count: total }),
      }}
      locale={{ emptyText: <Empty description={t('sharing.applications.empty')} /> }}
      columns={[
        {
          title: t('sharing.fields.number'),
          key: 'number',
          width: 150,
          render: (_, row) => (
            <Link to={`/sharing/applications/${row.id}`} data-testid={`application-link-${row.number}`}>
              {row.number}
            </Link>
          ),
        },
        { title: t('sharing.fields.entry'), key: 'entry', render: (_, row) => row.entry.name },
        ...(party !== 'provider'
          ? [
              {
                title: t('sharing.fields.provider'),
                key: 'provider',
                render: (_: unknown, row: Application) => row.provider.name,
              },
            ]
          : []),
        ...(party !== 'consumer'
          ? [
              {
                title: t('sharing.fields.consumer'),
                key: 'consumer',
                render: (_: unknown, row: Application) => row.consumer.name,
              },
            ]
          : []),
        {
          title: t('sharing.fields.items'),
          key: 'items',
          render: (_, row) => row.items.join('、'),
          ellipsis: true,
        },
        {
          title: t('sharing.fields.purpose'),
          key: 'purpose',
          render: (_, row) => <PurposeText purpose={row.purpose} />,
        },
        {
          title: t('sharing.fields.status'),
          key: 'status',
          render: (_, row) => <ApplicationStatusTag status={row.status} />,
        },
        {
          title: t('sharing.fields.submittedAt'),
          key: 'createdAt',
          render: (_, row) => formatDateTime(row.createdAt, i18n.language),
        },
        {
          title: t('sharing.fields.dueDate'),
          key: 'deadline',
          render: (_, row) => <DeadlineCell {...applicationDeadline(row)} />,
        },
        {
          title: t('common.actions'),
          key: 'open',
          width: 90,
          render: (_, row) => <Link to={`/sharing/applications/${row.id}`}>{openLabel}</Link>,
        },
      ]}
    />
  );
}
