import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import type { NodeMapping, NodeView } from './api.ts';
import { formatCount, StatusTag, useAgo, useDuration } from './shared.tsx';

const REFRESH_MS = 15_000;

/** Lag in seconds as a coloured tag: green within a minute, amber within an hour, red beyond. */
function LagTag({ seconds }: { seconds: number | null }) {
  const duration = useDuration();
  const { t } = useTranslation();
  if (seconds === null) return <Tag>{t('exchange.nodes.noLag')}</Tag>;
  const color = seconds <= 60 ? 'success' : seconds <= 3600 ? 'warning' : 'error';
  return (
    <Tag color={color} data-lag-seconds={seconds}>
      {seconds === 0 ? t('exchange.subscriptions.caughtUp') : duration(seconds)}
    </Tag>
  );
}

/** 前置机: each department's front-end exchange node, online or offline, its lag and last error (R45, R55). */
export function NodesPage() {
  const { t, i18n } = useTranslation();
  const ago = useAgo();
  // A monitor leaves the page open: it follows the heartbeats on its own.
  const nodes = useApi('/exchange/nodes', undefined, { refetchInterval: REFRESH_MS });
  const { reload } = nodes;
  const items = nodes.data?.items ?? [];
  const online = items.filter((n) => n.status === 'online').length;
  const failing = items.filter((n) => n.lastError).length;

  return (
    <>
      <PageHeader
        title={t('exchange.nodes.title')}
        subtitle={t('exchange.nodes.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.refresh')}
          </Button>
        }
      />
      <ErrorAlert error={nodes.error} onRetry={reload} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card variant="borderless">
            <Statistic
              title={t('exchange.nodes.online')}
              value={online}
              suffix={`/ ${items.length}`}
              prefix={<CheckCircleFilled style={{ color: '#16a34a' }} />}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card variant="borderless">
            <Statistic
              title={t('exchange.nodes.offline')}
              value={items.length - online}
              styles={{ content: { color: items.length - online > 0 ? '#dc2626' : undefined } }}
              prefix={
                <CloseCircleFilled style={{ color: items.length - online > 0 ? '#dc2626' : '#cbd5e1' }} />
              }
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card variant="borderless">
            <Statistic
              title={t('exchange.nodes.withErrors')}
              value={failing}
              styles={{ content: { color: failing > 0 ? '#d97706' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      {nodes.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('exchange.nodes.rule', { seconds: nodes.data.offlineAfterSeconds })}
        />
      )}
      <Card variant="borderless">
        <Table<NodeView>
          rowKey="id"
          size="middle"
          loading={nodes.loading && !nodes.data}
          dataSource={items}
          data-testid="nodes-table"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('exchange.nodes.empty')} /> }}
          rowClassName={(n) => (n.status === 'offline' ? 'gs-failed-row' : '')}
          expandable={{
            expandedRowRender: (n) => <MappingTable mappings={n.mappings} />,
            rowExpandable: (n) => n.mappings.length > 0,
          }}
          columns={[
            {
              title: t('exchange.nodes.node'),
              key: 'node',
              render: (_, n) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong data-testid={`node-${n.nodeName}`}>
                    {n.nodeName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {n.departmentName}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('common.status'),
              key: 'status',
              render: (_, n) => (
                <Tooltip
                  title={t('exchange.nodes.since', { at: formatDateTime(n.statusChangedAt, i18n.language) })}
                >
                  <span>
                    <StatusTag status={n.status} testId={`node-status-${n.nodeName}`} />
                  </span>
                </Tooltip>
              ),
            },
            {
              title: t('exchange.nodes.lastHeartbeat'),
              key: 'beat',
              render: (_, n) => (
                <Tooltip title={formatDateTime(n.lastHeartbeatAt, i18n.language)}>
                  <span>{ago(n.lastHeartbeatAt)}</span>
                </Tooltip>
              ),
            },
            {
              title: t('exchange.nodes.lag'),
              key: 'lag',
              render: (_, n) => <LagTag seconds={n.lagSeconds} />,
            },
            {
              title: t('exchange.nodes.mappings'),
              key: 'mappings',
              render: (_, n) => formatCount(n.mappings.length, i18n.language),
            },
            {
              title: t('exchange.fields.lastError'),
              key: 'error',
              render: (_, n) =>
                n.lastError ? (
                  <Typography.Text
                    type="danger"
                    ellipsis={{ tooltip: n.lastError }}
                    style={{ maxWidth: 280 }}
                  >
                    {n.lastError}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            { title: t('exchange.nodes.version'), dataIndex: 'version' },
            {
              title: t('exchange.nodes.startedAt'),
              key: 'started',
              render: (_, n) => formatDateTime(n.startedAt, i18n.language),
            },
          ]}
        />
      </Card>
    </>
  );
}

function MappingTable({ mappings }: { mappings: NodeMapping[] }) {
  const { t, i18n } = useTranslation();
  const ago = useAgo();
  return (
    <Table<NodeMapping>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={mappings}
      data-testid="node-mappings"
      columns={[
        { title: t('exchange.nodes.mapping'), dataIndex: 'name' },
        {
          title: t('exchange.nodes.direction'),
          dataIndex: 'direction',
          render: (d: NodeMapping['direction']) => (
            <Tag color={d === 'outbound' ? 'blue' : 'cyan'}>{t(`exchange.nodes.directions.${d}`)}</Tag>
          ),
        },
        {
          title: t('exchange.fields.resource'),
          dataIndex: 'entryId',
          render: (v: string) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v}
            </Typography.Text>
          ),
        },
        { title: t('exchange.nodes.lag'), key: 'lag', render: (_, m) => <LagTag seconds={m.lagSeconds} /> },
        {
          title: t('exchange.nodes.lastSynced'),
          key: 'synced',
          render: (_, m) => (
            <Tooltip title={formatDateTime(m.lastSyncedAt, i18n.language)}>
              <span>{ago(m.lastSyncedAt)}</span>
            </Tooltip>
          ),
        },
        {
          title: t('exchange.nodes.rowsSynced'),
          key: 'rows',
          align: 'right',
          render: (_, m) => formatCount(m.rowsSynced, i18n.language),
        },
        {
          title: t('exchange.fields.lastError'),
          key: 'error',
          render: (_, m) =>
            m.lastError ? <Typography.Text type="danger">{m.lastError}</Typography.Text> : '—',
        },
      ]}
    />
  );
}
