import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCESS_METHODS, type DepartmentExchange, type MethodCounts } from '../../api/audit.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { UsageTrendCard } from '../supervision/usage-trend.tsx';
import { useMethodLabel } from './shared.tsx';

/** Each department's exchange over the last day and week, failures and anomaly flags (R55). */
export function ExchangeStatusPage() {
  const { t, i18n } = useTranslation();
  const methodLabel = useMethodLabel();
  const status = useApi('/audit/exchange-status');
  const rule = status.data?.rule;

  const counts = (c: MethodCounts) => (
    <Tooltip title={ACCESS_METHODS.map((m) => `${methodLabel(m)} ${c[m]}`).join(' · ')}>
      <span>{c.total}</span>
    </Tooltip>
  );

  return (
    <>
      <PageHeader
        title={t('audit.exchange.title')}
        subtitle={t('audit.exchange.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={status.reload}>
            {t('common.refresh')}
          </Button>
        }
      />
      <ErrorAlert error={status.error} onRetry={status.reload} />
      {rule && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('audit.exchange.rule', {
            minRate: rule.minAccessesForRate,
            share: Math.round(rule.failureShare * 100),
            minSpike: rule.minAccessesForSpike,
            factor: rule.spikeFactor,
          })}
        />
      )}
      <div style={{ marginBottom: 16 }}>
        <UsageTrendCard testId="exchange-usage-chart" />
      </div>
      <Card variant="borderless">
        <Table<DepartmentExchange>
          rowKey={(r) => r.department.id}
          size="middle"
          loading={status.loading}
          dataSource={status.data?.departments ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="exchange-table"
          columns={[
            { title: t('audit.exchange.department'), key: 'd', render: (_: unknown, r) => r.department.name },
            { title: t('audit.exchange.last24h'), key: 'day', render: (_: unknown, r) => counts(r.last24h) },
            { title: t('audit.exchange.last7d'), key: 'week', render: (_: unknown, r) => counts(r.last7d) },
            {
              title: t('audit.exchange.failures'),
              key: 'f',
              render: (_: unknown, r) => `${r.failures24h} / ${r.failures7d}`,
            },
            { title: t('audit.exchange.baseline'), dataIndex: 'baselineDailyMean' },
            {
              title: t('audit.exchange.lastAccess'),
              dataIndex: 'lastAccessAt',
              render: (v: string | null) => formatDateTime(v, i18n.language),
            },
            {
              title: t('audit.exchange.anomalies'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space size={4} data-testid={`exchange-anomalies-${r.department.id}`}>
                  {r.anomalies.length === 0 ? (
                    <Tag color="success">{t('audit.exchange.normal')}</Tag>
                  ) : (
                    r.anomalies.map((a) => (
                      <Tag color="error" key={a}>
                        {t(`audit.exchange.${a}`)}
                      </Tag>
                    ))
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
