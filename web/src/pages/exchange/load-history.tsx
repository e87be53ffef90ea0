import { DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Table, Tag, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { exchangeLinks, type LoadView } from './api.ts';
import { formatBytes, formatCount, StatusTag } from './shared.tsx';

/** A load's rows as one bar: applied green, unchanged grey-blue, rejected red. */
function RowsBar({ load }: { load: LoadView }) {
  const { t, i18n } = useTranslation();
  const total = Math.max(load.rowsRead, load.applied + load.unchanged + load.rejected, 1);
  const applied = (load.applied / total) * 100;
  const unchanged = (load.unchanged / total) * 100;
  return (
    <Tooltip
      title={t('exchange.loads.barHint', {
        applied: formatCount(load.applied, i18n.language),
        unchanged: formatCount(load.unchanged, i18n.language),
        rejected: formatCount(load.rejected, i18n.language),
      })}
    >
      <div style={{ minWidth: 160 }}>
        <Progress
          percent={applied + unchanged + (load.rejected / total) * 100}
          success={{ percent: applied, strokeColor: '#16a34a' }}
          strokeColor={load.rejected > 0 ? '#dc2626' : '#5b6b80'}
          showInfo={false}
          size="small"
        />
        <span style={{ fontSize: 12, color: '#475569' }}>
          {formatCount(load.applied, i18n.language)} / {formatCount(load.unchanged, i18n.language)} /{' '}
          <span style={{ color: load.rejected > 0 ? '#dc2626' : undefined }}>
            {formatCount(load.rejected, i18n.language)}
          </span>
        </span>
      </div>
    </Tooltip>
  );
}

/**
 * 上传记录: every load of the department (or of one resource), newest first. An interrupted load
 * offers `onRetry`: the platform keeps no copy of the file, so a retry is the same file chosen again.
 */
export function LoadHistory({
  entryId,
  version,
  onRetry,
}: {
  entryId: string | undefined;
  version: number;
  onRetry?: (load: LoadView) => void;
}) {
  const { t, i18n } = useTranslation();
  const loads = useApi('/exchange/loads', { entryId });
  const { reload } = loads;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  return (
    <Card variant="borderless" title={t('exchange.loads.title')}>
      <ErrorAlert error={loads.error} onRetry={loads.reload} />
      <Table<LoadView>
        rowKey="id"
        size="small"
        loading={loads.loading}
        dataSource={loads.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // On a phone the table scrolls inside its card, not the page sideways.
        scroll={{ x: 'max-content' }}
        data-testid="load-history"
        locale={{ emptyText: <Empty description={t('exchange.loads.empty')} /> }}
        columns={[
          {
            title: t('exchange.loads.startedAt'),
            dataIndex: 'startedAt',
            render: (v: string) => formatDateTime(v, i18n.language),
          },
          {
            title: t('exchange.uploads.format'),
            dataIndex: 'format',
            render: (f: LoadView['format']) => <Tag>{t(`exchange.formats.${f}`)}</Tag>,
          },
          {
            title: t('exchange.uploads.mode'),
            dataIndex: 'mode',
            render: (m: LoadView['mode']) => t(`exchange.modes.${m}`),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag status={s} />,
          },
          {
            title: t('exchange.loads.result'),
            key: 'rows',
            render: (_, l) => <RowsBar load={l} />,
          },
          { title: t('exchange.loads.size'), key: 'bytes', render: (_, l) => formatBytes(l.bytesRead) },
          {
            title: t('exchange.loads.duration'),
            key: 'duration',
            render: (_, l) =>
              l.durationMs !== undefined && l.durationMs !== null
                ? t('exchange.loads.seconds', { s: (l.durationMs / 1000).toFixed(1) })
                : '—',
          },
          { title: t('exchange.loads.by'), key: 'by', render: (_, l) => l.createdByName || '—' },
          {
            title: t('exchange.uploads.rejectFile'),
            key: 'rejects',
            render: (_, l) =>
              l.rejected > 0 && l.hasRejectFile ? (
                <a href={exchangeLinks.rejects(l.id)} download>
                  <DownloadOutlined /> {t('exchange.loads.rejectsLink')}
                </a>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            key: 'retry',
            render: (_, l) =>
              l.status === 'interrupted' && onRetry ? (
                <Tooltip title={t('exchange.loads.retryHint')}>
                  <Button
                    size="small"
                    icon={<RedoOutlined />}
                    onClick={() => onRetry(l)}
                    data-testid={`load-retry-${l.id}`}
                  >
                    {t('exchange.loads.retry')}
                  </Button>
                </Tooltip>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
