import { Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../api/contract.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { ErrorAlert } from '../lib/errors.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useApi } from '../lib/use-api.ts';

/** One background job as `GET /api/v1/platform/jobs` answers it. */
export type JobStatus = ResponseOf<'/platform/jobs'>['jobs'][number];

/** Jobs refresh on their own every few seconds; the page follows without a reload button. */
const REFRESH_MS = 10_000;

function interval(ms: number, t: TFunction): string {
  if (ms % 3_600_000 === 0) return t('jobs.hours', { count: ms / 3_600_000 });
  if (ms % 60_000 === 0) return t('jobs.minutes', { count: ms / 60_000 });
  return t('jobs.seconds', { count: Math.round(ms / 100) / 10 });
}

function schedule(job: JobStatus, t: TFunction): string {
  if (job.dailyAt) return t('jobs.dailyAt', { time: job.dailyAt });
  return t('jobs.every', { value: interval(job.every ?? 0, t) });
}

function Outcome({ job }: { job: JobStatus }) {
  const { t } = useTranslation();
  if (job.running || job.runningOn)
    return (
      <Tooltip title={job.runningOn ? t('jobs.runningOn', { node: job.runningOn }) : undefined}>
        <Tag color="processing">{t('jobs.running')}</Tag>
      </Tooltip>
    );
  if (job.lastOutcome === 'success') return <Tag color="success">{t('jobs.success')}</Tag>;
  if (job.lastOutcome === 'failure')
    return (
      <Space direction="vertical" size={0}>
        <Tag color="error">{t('jobs.failure')}</Tag>
        {job.consecutiveFailures > 1 && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('jobs.failures', { count: job.consecutiveFailures })}
          </Typography.Text>
        )}
      </Space>
    );
  return <Tag>{t('jobs.neverRun')}</Tag>;
}

export function JobsPage() {
  const { t, i18n } = useTranslation();
  const list = useApi('/platform/jobs', undefined, { refetchInterval: REFRESH_MS });
  const english = i18n.language.startsWith('en');

  return (
    <>
      <PageHeader title={t('jobs.title')} subtitle={t('jobs.subtitle')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Table<JobStatus>
          rowKey="name"
          size="middle"
          loading={list.loading && !list.data}
          dataSource={list.data?.jobs ?? []}
          pagination={false}
          data-testid="jobs-table"
          locale={{ emptyText: <Empty description={t('jobs.empty')} /> }}
          columns={[
            {
              title: t('jobs.name'),
              dataIndex: 'name',
              render: (_: string, job) => (
                <Space direction="vertical" size={0}>
                  <strong>{english ? job.label.en : job.label.zh}</strong>
                  <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                    {job.name}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('jobs.schedule'),
              key: 'schedule',
              width: 190,
              render: (_: unknown, job) => (
                <Space direction="vertical" size={0}>
                  <span>{schedule(job, t)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {job.scope === 'cluster' ? t('jobs.scopeCluster') : t('jobs.scopeNode')}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('jobs.lastRun'),
              dataIndex: 'lastStartedAt',
              width: 170,
              render: (v: string | null) => formatDateTime(v, i18n.language),
            },
            {
              title: t('jobs.outcome'),
              key: 'outcome',
              width: 150,
              render: (_: unknown, job) => <Outcome job={job} />,
            },
            {
              title: t('jobs.nextRun'),
              dataIndex: 'nextRunAt',
              width: 170,
              render: (v: string | null) => formatDateTime(v, i18n.language),
            },
            {
              title: t('jobs.lastError'),
              dataIndex: 'lastError',
              render: (error: string | null, job) =>
                error ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="danger" ellipsis={{ tooltip: error }} style={{ maxWidth: 360 }}>
                      {error}
                    </Typography.Text>
                    {job.lastSuccessAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('jobs.lastSuccess', { at: formatDateTime(job.lastSuccessAt, i18n.language) })}
                      </Typography.Text>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
