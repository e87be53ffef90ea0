import './catalog.css';
import { Card, Empty, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { InboxItem } from '../../api/catalog.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { entryColumns } from './entry-columns.tsx';
import { ShareTypeTag, StatusTag } from './tags.tsx';
import { useVocabulary } from './vocabulary.ts';

/** Whether an inbox entry waits for ratification or for approval of a reduction. */
export function awaits(item: InboxItem): 'ratification' | 'reduction' {
  return item.pendingReduction ? 'reduction' : 'ratification';
}

/** 目录核定: what waits for the competent authority in its jurisdiction. */
export function InboxPage() {
  const { t } = useTranslation();
  const inbox = useApi('/catalog/inbox');
  const items = inbox.data?.items ?? [];
  const ratify = items.filter((i) => awaits(i) === 'ratification');
  const reduce = items.filter((i) => awaits(i) === 'reduction');

  return (
    <>
      <PageHeader title={t('catalog.inbox.title')} subtitle={t('catalog.inbox.subtitle')} />
      <ErrorAlert error={inbox.error} onRetry={inbox.reload} />
      <Card variant="borderless">
        <Tabs
          items={[
            {
              key: 'ratification',
              label: `${t('catalog.inbox.ratification')} (${ratify.length})`,
              children: <InboxTable items={ratify} loading={inbox.loading} kind="ratification" />,
            },
            {
              key: 'reduction',
              label: `${t('catalog.inbox.reduction')} (${reduce.length})`,
              children: <InboxTable items={reduce} loading={inbox.loading} kind="reduction" />,
            },
          ]}
        />
      </Card>
    </>
  );
}

function InboxTable({
  items,
  loading,
  kind,
}: {
  items: InboxItem[];
  loading: boolean;
  kind: 'ratification' | 'reduction';
}) {
  const { t, i18n } = useTranslation();
  const { label } = useVocabulary();
  return (
    <Table<InboxItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      data-testid={`inbox-${kind}`}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('catalog.inbox.empty')} /> }}
      columns={[
        ...entryColumns<InboxItem>(t, 'inbox-link'),
        { title: t('catalog.fields.provider'), key: 'provider', render: (_, row) => row.provider.name },
        {
          title: t('catalog.fields.catalogClass'),
          dataIndex: 'catalogClass',
          render: (c: string) => label('catalogClasses', c),
        },
        {
          title: t('catalog.fields.shareType'),
          dataIndex: 'shareType',
          render: (type: InboxItem['shareType']) => <ShareTypeTag type={type} />,
        },
        kind === 'reduction'
          ? {
              title: t('catalog.inbox.reductions'),
              key: 'reductions',
              render: (_, row) =>
                row.pendingReduction?.reasons.map((r) => (
                  <Tag color="orange" key={r}>
                    {r}
                  </Tag>
                )) ?? '—',
            }
          : {
              title: t('common.status'),
              dataIndex: 'status',
              render: (s: InboxItem['status']) => <StatusTag status={s} />,
            },
        {
          title: t('catalog.inbox.since'),
          key: 'since',
          render: (_, row) => formatDateTime(row.updatedAt, i18n.language),
        },
        {
          title: t('common.actions'),
          key: 'open',
          width: 100,
          render: (_, row) => <Link to={`/catalog/entries/${row.id}`}>{t('catalog.inbox.review')}</Link>,
        },
      ]}
    />
  );
}
