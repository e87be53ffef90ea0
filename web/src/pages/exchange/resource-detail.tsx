import { ArrowLeftOutlined, CloudUploadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { ResourceScoreLink } from '../quality/score-tag.tsx';
import { type Change, exchangeApi, type HostedColumn } from './api.ts';
import { FreshnessTag } from './freshness.tsx';
import { ColumnFlags, formatCount, OpTag, SourceText, StatusTag, useAgo } from './shared.tsx';

const LOG_PAGE = 20;
/** The data types whose length the catalog guide gives (strings and numbers). */
const SIZED = new Set(['C', 'N', 'Y', 'B', 'F']);

/** One hosted resource: what it holds, its columns, and its change log newest first. */
export function ResourceDetail() {
  const { entryId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const ago = useAgo();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const manages = can('exchange.host.manage');
  const resource = useApi(`/exchange/resources/${entryId}`);
  const [syncing, setSyncing] = useState(false);
  const r = resource.data;

  const sync = async () => {
    setSyncing(true);
    try {
      await exchangeApi.sync(entryId);
      void message.success(t('exchange.resource.synced'));
      resource.reload();
    } catch (e) {
      showError(e);
    } finally {
      setSyncing(false);
    }
  };

  return (
    <>
      <Link to="/exchange/resources" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('exchange.resources.title')}
      </Link>
      <PageHeader
        title={<span data-testid="resource-name">{r?.entry.name ?? '…'}</span>}
        subtitle={
          r ? `${r.entry.code} · ${t('exchange.resource.version', { version: r.entry.version })}` : undefined
        }
        extra={
          manages &&
          r && (
            <Space>
              <Button icon={<SyncOutlined />} loading={syncing} onClick={sync} data-testid="resource-sync">
                {t('exchange.resource.sync')}
              </Button>
              <Link to={`/exchange/uploads?entryId=${entryId}`}>
                <Button type="primary" icon={<CloudUploadOutlined />} data-testid="resource-upload">
                  {t('exchange.resources.upload')}
                </Button>
              </Link>
            </Space>
          )
        }
      />
      <ErrorAlert error={resource.error} onRetry={resource.reload} />
      {r && (
        <>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              size="small"
              data-testid="resource-summary"
              items={[
                { key: 'status', label: t('common.status'), children: <StatusTag status={r.status} /> },
                {
                  key: 'rows',
                  label: t('exchange.fields.rows'),
                  children: <span data-testid="resource-rows">{formatCount(r.rowCount, i18n.language)}</span>,
                },
                {
                  key: 'seq',
                  label: t('exchange.fields.lastSeq'),
                  children: (
                    <span data-testid="resource-last-seq">{formatCount(r.lastSeq, i18n.language)}</span>
                  ),
                },
                {
                  key: 'changed',
                  label: t('exchange.fields.lastChangedAt'),
                  children: r.lastChangedAt
                    ? `${formatDateTime(r.lastChangedAt, i18n.language)}（${ago(r.lastChangedAt)}）`
                    : t('common.never'),
                },
                {
                  key: 'fresh',
                  label: t('exchange.fields.freshness'),
                  children: <FreshnessTag entryId={r.entry.id} lastChangedAt={r.lastChangedAt} />,
                },
                {
                  key: 'quality',
                  label: t('qualityScores.resourceLabel'),
                  children: <ResourceScoreLink entryId={r.entry.id} />,
                },
                {
                  key: 'created',
                  label: t('exchange.resource.createdAt'),
                  children: formatDateTime(r.createdAt, i18n.language),
                },
              ]}
            />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={10}>
              <Card
                variant="borderless"
                title={t('exchange.resource.columnsTitle')}
                style={{ marginBottom: 16 }}
              >
                <ColumnsTable columns={r.columns} />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card variant="borderless" title={t('exchange.resource.changeLogTitle')}>
                <ChangeLog entryId={entryId} lastSeq={r.lastSeq} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}

function ColumnsTable({ columns }: { columns: HostedColumn[] }) {
  const { t } = useTranslation();
  return (
    <Table<HostedColumn>
      rowKey="item"
      size="small"
      pagination={false}
      dataSource={columns}
      data-testid="resource-columns"
      rowClassName={(c) => (c.active ? '' : 'gs-inactive-row')}
      columns={[
        {
          title: t('exchange.columns.item'),
          dataIndex: 'item',
          render: (item: string) => <span data-testid={`column-${item}`}>{item}</span>,
        },
        {
          title: t('exchange.columns.type'),
          key: 'type',
          render: (_, c) => (
            <Tag>
              {t(`exchange.dataTypes.${c.dataType}`)}
              {c.length && SIZED.has(c.dataType) ? `(${c.length})` : ''}
            </Tag>
          ),
        },
        { title: t('exchange.columns.flags'), key: 'flags', render: (_, c) => <ColumnFlags column={c} /> },
      ]}
    />
  );
}

/**
 * The change log newest first: page p shows the seqs just below the last one, read with `after`
 * (the log is numbered without gaps, so a page is exactly a range of seqs).
 */
function ChangeLog({ entryId, lastSeq }: { entryId: string; lastSeq: number }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const upper = Math.max(0, lastSeq - (page - 1) * LOG_PAGE);
  const after = Math.max(0, upper - LOG_PAGE);
  const log = useApi(lastSeq > 0 ? `/exchange/resources/${entryId}/change-log` : null, {
    after,
    limit: upper - after,
  });
  const changes = [...(log.data?.changes ?? [])].sort((a, b) => b.seq - a.seq);
  // Platform staff get keyed digests instead of keys (issue 12); say so rather than show riddles.
  const digested = changes.some((c) => c.key.startsWith('~'));
  return (
    <>
      <ErrorAlert error={log.error} onRetry={log.reload} />
      {digested && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('exchange.changes.digestNotice')}
          data-testid="change-log-digest-notice"
        />
      )}
      <Table<Change>
        rowKey="seq"
        size="small"
        loading={log.loading}
        dataSource={changes}
        data-testid="resource-change-log"
        pagination={{
          current: page,
          pageSize: LOG_PAGE,
          total: lastSeq,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('exchange.changes.seq'),
            dataIndex: 'seq',
            width: 90,
            render: (seq: number) => formatCount(seq, i18n.language),
          },
          {
            title: t('exchange.changes.op'),
            dataIndex: 'op',
            width: 80,
            render: (op: Change['op']) => <OpTag op={op} />,
          },
          {
            title: t('exchange.changes.key'),
            dataIndex: 'key',
            render: (key: string) =>
              key.startsWith('~') ? (
                <Typography.Text code copyable={{ text: key }} style={{ fontSize: 12 }} title={key}>
                  {`${key.slice(0, 13)}…`}
                </Typography.Text>
              ) : (
                <Typography.Text code style={{ fontSize: 12 }}>
                  {key}
                </Typography.Text>
              ),
          },
          {
            title: t('exchange.changes.at'),
            dataIndex: 'at',
            render: (at: string) => formatDateTime(at, i18n.language),
          },
          {
            title: t('exchange.changes.source'),
            dataIndex: 'source',
            render: (source: string) => <SourceText source={source} />,
          },
        ]}
      />
    </>
  );
}
