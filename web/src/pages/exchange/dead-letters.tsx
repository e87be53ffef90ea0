import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Empty, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { type DeadLetter, type DeliveryAttempt, exchangeApi, type Subscription } from './api.ts';

/** 死信: the batches a push subscription could not deliver, with their last error, and a retry. */
export function DeadLetterDrawer({
  subscription,
  onClose,
  onRetried,
}: {
  subscription: Subscription | undefined;
  onClose(): void;
  onRetried(): void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const letters = useApi(subscription ? `/exchange/subscriptions/${subscription.id}/dead-letters` : null);
  const attempts = useApi(subscription ? `/exchange/subscriptions/${subscription.id}/attempts` : null, {
    limit: 100,
  });

  const retry = async () => {
    if (!subscription) return;
    setBusy(true);
    try {
      await exchangeApi.retry(subscription.id);
      void message.success(t('exchange.subscriptions.retried'));
      onRetried();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={!!subscription}
      onClose={onClose}
      size="large"
      title={t('exchange.subscriptions.deadLettersTitle', {
        name: subscription?.entryName ?? subscription?.entryId ?? '',
      })}
      extra={
        subscription?.status === 'dead_lettered' && (
          <Button
            type="primary"
            icon={<RedoOutlined />}
            loading={busy}
            onClick={retry}
            data-testid="dead-letters-retry"
          >
            {t('exchange.subscriptions.retry')}
          </Button>
        )
      }
    >
      <Tabs
        items={[
          {
            key: 'letters',
            label: t('exchange.subscriptions.deadLetters'),
            children: (
              <>
                <ErrorAlert error={letters.error} onRetry={letters.reload} />
                <Table<DeadLetter>
                  rowKey="id"
                  size="small"
                  loading={letters.loading}
                  dataSource={letters.data?.items ?? []}
                  data-testid="dead-letters-table"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  locale={{ emptyText: <Empty description={t('exchange.subscriptions.noDeadLetters')} /> }}
                  columns={[
                    {
                      title: t('exchange.subscriptions.seqRange'),
                      key: 'range',
                      render: (_, d) => `${d.fromSeq} – ${d.toSeq}`,
                    },
                    { title: t('exchange.subscriptions.changes'), dataIndex: 'changes' },
                    { title: t('exchange.subscriptions.attempts'), dataIndex: 'attempts' },
                    {
                      title: t('exchange.fields.lastError'),
                      key: 'error',
                      render: (_, d) => (
                        <Typography.Text type="danger">
                          {d.lastStatusCode ? `HTTP ${d.lastStatusCode} ` : ''}
                          {d.lastError ?? ''}
                        </Typography.Text>
                      ),
                    },
                    {
                      title: t('exchange.subscriptions.deadLetteredAt'),
                      dataIndex: 'deadLetteredAt',
                      render: (v: string) => formatDateTime(v, i18n.language),
                    },
                    {
                      title: t('exchange.subscriptions.retriedAt'),
                      dataIndex: 'retriedAt',
                      render: (v: string | null) => (v ? formatDateTime(v, i18n.language) : '—'),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'attempts',
            label: t('exchange.subscriptions.attemptLog'),
            children: <AttemptTable attempts={attempts.data?.items ?? []} loading={attempts.loading} />,
          },
        ]}
      />
    </Drawer>
  );
}

const OUTCOME_COLORS: Record<DeliveryAttempt['outcome'], string> = {
  delivered: 'success',
  failed: 'error',
  paused: 'warning',
};

/** Every push attempt, newest first: which seqs, how it went, how long it took. */
function AttemptTable({ attempts, loading }: { attempts: DeliveryAttempt[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<DeliveryAttempt>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={attempts}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('exchange.subscriptions.noAttempts')} /> }}
      columns={[
        {
          title: t('exchange.changes.at'),
          dataIndex: 'at',
          render: (v: string) => formatDateTime(v, i18n.language),
        },
        {
          title: t('exchange.subscriptions.seqRange'),
          key: 'range',
          render: (_, a) => `${a.fromSeq} – ${a.toSeq}`,
        },
        {
          title: t('exchange.subscriptions.outcome'),
          dataIndex: 'outcome',
          render: (o: DeliveryAttempt['outcome']) => (
            <Tag color={OUTCOME_COLORS[o]}>{t(`exchange.subscriptions.outcomes.${o}`)}</Tag>
          ),
        },
        {
          title: t('exchange.fields.lastError'),
          key: 'error',
          render: (_, a) =>
            a.error || a.statusCode ? (
              <Typography.Text type={a.outcome === 'delivered' ? 'secondary' : 'danger'}>
                {a.statusCode ? `HTTP ${a.statusCode} ` : ''}
                {a.error ?? ''}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        {
          title: t('exchange.subscriptions.duration'),
          dataIndex: 'durationMs',
          render: (v: number) => `${v} ms`,
        },
      ]}
    />
  );
}
