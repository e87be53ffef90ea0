import { CloudUploadOutlined, DatabaseOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { NotFoundPage } from '../not-found.tsx';
import type { HostedResourceView } from './api.ts';
import { FreshnessTag, useLateCount } from './freshness.tsx';
import { HostModal } from './host-modal.tsx';
import { ResourceDetail } from './resource-detail.tsx';
import { formatCount, StatusTag, useAgo } from './shared.tsx';

/** 托管资源: the department's hosted resources at `/exchange/resources`, one with its log at `:entryId`. */
export function ResourcesPage() {
  return (
    <Routes>
      <Route index element={<ResourceList />} />
      <Route path=":entryId" element={<ResourceDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

type Side = 'provided' | 'all';

function ResourceList() {
  const { t, i18n } = useTranslation();
  const ago = useAgo();
  const { can, reach } = useSession();
  const manages = can('exchange.host.manage');
  // Operators, auditors and the authority watch every department's hosted data, not only their own.
  const wide = ['all', 'jurisdiction'].includes(reach('exchange.host.read') ?? '');
  const [side, setSide] = useState<Side>(manages || !wide ? 'provided' : 'all');
  const [hosting, setHosting] = useState(false);
  const list = useApi('/exchange/resources', { as: side });
  const items = list.data?.items ?? [];
  const totalRows = items.reduce((sum, r) => sum + r.rowCount, 0);
  const now = Date.now();
  const stale = useLateCount(items.map((r) => r.entry.id));

  return (
    <>
      <PageHeader
        title={t('exchange.resources.title')}
        subtitle={t('exchange.resources.subtitle')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              {t('common.refresh')}
            </Button>
            {manages && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setHosting(true)}
                data-testid="resources-host"
              >
                {t('exchange.resources.host')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card variant="borderless">
            <Statistic
              title={t('exchange.resources.count')}
              value={items.length}
              prefix={<DatabaseOutlined />}
              loading={list.loading && !list.data}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card variant="borderless">
            <Statistic
              title={t('exchange.resources.totalRows')}
              value={formatCount(totalRows, i18n.language)}
              loading={list.loading && !list.data}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card variant="borderless">
            <Statistic
              title={t('exchange.resources.staleCount')}
              value={stale}
              styles={{ content: { color: stale > 0 ? '#dc2626' : '#16a34a' } }}
              loading={list.loading && !list.data}
            />
          </Card>
        </Col>
      </Row>
      <Card variant="borderless">
        {wide && manages && (
          <Tabs
            activeKey={side}
            onChange={(k) => setSide(k as Side)}
            items={(['provided', 'all'] as Side[]).map((s) => ({
              key: s,
              label: t(`exchange.resources.tabs.${s}`),
            }))}
          />
        )}
        <Table<HostedResourceView>
          rowKey={(r) => r.entry.id}
          size="middle"
          loading={list.loading}
          dataSource={items}
          data-testid="resources-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('exchange.resources.empty')} /> }}
          columns={[
            {
              title: t('exchange.fields.resource'),
              key: 'entry',
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Link
                    to={`/exchange/resources/${r.entry.id}`}
                    data-testid={`resource-link-${r.entry.code}`}
                  >
                    {r.entry.name}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.entry.code} · v{r.entry.version}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('common.status'),
              key: 'status',
              width: 100,
              render: (_, r) => <StatusTag status={r.status} />,
            },
            {
              title: t('exchange.fields.rows'),
              key: 'rows',
              align: 'right',
              render: (_, r) => (
                <span data-testid={`resource-rows-${r.entry.code}`}>
                  {formatCount(r.rowCount, i18n.language)}
                </span>
              ),
            },
            {
              title: t('exchange.fields.lastSeq'),
              key: 'seq',
              align: 'right',
              render: (_, r) => formatCount(r.lastSeq, i18n.language),
            },
            {
              title: t('exchange.fields.lastChangedAt'),
              key: 'changed',
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <span>{formatDateTime(r.lastChangedAt, i18n.language)}</span>
                  {r.lastChangedAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ago(r.lastChangedAt, now)}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('exchange.fields.freshness'),
              key: 'fresh',
              render: (_, r) => <FreshnessTag entryId={r.entry.id} lastChangedAt={r.lastChangedAt} />,
            },
            ...(manages
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, r: HostedResourceView) => (
                      <Link to={`/exchange/uploads?entryId=${r.entry.id}`}>
                        <Button size="small" icon={<CloudUploadOutlined />}>
                          {t('exchange.resources.upload')}
                        </Button>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <HostModal
        open={hosting}
        hosted={items.map((r) => r.entry.id)}
        onClose={() => setHosting(false)}
        onHosted={() => {
          setHosting(false);
          list.reload();
        }}
      />
    </>
  );
}
