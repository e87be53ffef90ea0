import { DeleteOutlined, InboxOutlined, PlusOutlined, RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SecretModal, type ShownSecret } from '../../lib/secret-modal.tsx';
import { useApi } from '../../lib/use-api.ts';
import { PurposeText } from '../sharing/shared.tsx';
import { exchangeApi, type Subscription } from './api.ts';
import { DeadLetterDrawer } from './dead-letters.tsx';
import { LagBar, StatusTag, useAgo } from './shared.tsx';
import { SubscribeModal } from './subscribe-modal.tsx';

/** 数据订阅: the department's pull and push subscriptions, how far each is behind, and its failures. */
export function SubscriptionsPage() {
  const { t, i18n } = useTranslation();
  const ago = useAgo();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useApi('/exchange/subscriptions');
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ShownSecret>();
  const [letters, setLetters] = useState<Subscription>();

  const retry = async (s: Subscription) => {
    try {
      await exchangeApi.retry(s.id);
      void message.success(t('exchange.subscriptions.retried'));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };
  const remove = async (s: Subscription) => {
    try {
      await exchangeApi.unsubscribe(s.id);
      void message.success(t('exchange.subscriptions.deleted'));
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('exchange.subscriptions.title')}
        subtitle={t('exchange.subscriptions.subtitle')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              {t('common.refresh')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="subscriptions-create"
            >
              {t('exchange.subscriptions.create')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Table<Subscription>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="subscriptions-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('exchange.subscriptions.empty')} /> }}
          rowClassName={(s) => (s.status === 'dead_lettered' ? 'gs-failed-row' : '')}
          columns={[
            {
              title: t('exchange.fields.resource'),
              key: 'entry',
              render: (_, s) => (
                <Space orientation="vertical" size={0}>
                  <span>{s.entryName ?? s.entryId}</span>
                  {s.entryCode && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.entryCode}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('exchange.subscriptions.mode'),
              key: 'mode',
              render: (_, s) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={s.mode === 'push' ? 'blue' : 'cyan'} data-mode={s.mode}>
                    {t(`exchange.subscriptions.modes.${s.mode}`)}
                  </Tag>
                  {s.url && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: s.url }}>
                      {s.url}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('sharing.fields.purpose'),
              key: 'purpose',
              render: (_, s) => <PurposeText purpose={s.purpose} />,
            },
            {
              title: t('exchange.subscriptions.progress'),
              key: 'lag',
              render: (_, s) =>
                s.mode === 'push' ? (
                  <LagBar cursor={s.ackedSeq} lastSeq={s.lastSeq} testId={`subscription-lag-${s.id}`} />
                ) : (
                  <Tooltip title={t('exchange.subscriptions.pullCursorHint')}>
                    <Typography.Text type="secondary">
                      {t('exchange.subscriptions.lastSeqNow', { seq: s.lastSeq })}
                    </Typography.Text>
                  </Tooltip>
                ),
            },
            {
              title: t('common.status'),
              key: 'status',
              render: (_, s) => (
                <Space orientation="vertical" size={0}>
                  <StatusTag status={s.status} testId={`subscription-status-${s.id}`} />
                  {s.statusReason && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.statusReason}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t('exchange.subscriptions.lastDelivery'),
              key: 'delivered',
              render: (_, s) =>
                s.mode === 'push' ? (
                  <Tooltip title={formatDateTime(s.lastDeliveredAt, i18n.language)}>
                    <span>{ago(s.lastDeliveredAt)}</span>
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            {
              title: t('exchange.fields.lastError'),
              key: 'error',
              render: (_, s) =>
                s.lastError ? (
                  <Typography.Text
                    type="danger"
                    ellipsis={{ tooltip: s.lastError }}
                    style={{ maxWidth: 220 }}
                  >
                    {s.lastStatusCode ? `HTTP ${s.lastStatusCode} ` : ''}
                    {s.attempts ? `(${t('exchange.subscriptions.attemptsInRow', { n: s.attempts })}) ` : ''}
                    {s.lastError}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, s) => (
                <Space size={4} wrap>
                  {s.mode === 'push' && (
                    <Button size="small" icon={<InboxOutlined />} onClick={() => setLetters(s)}>
                      {t('exchange.subscriptions.deadLetters')}
                    </Button>
                  )}
                  {(s.status === 'dead_lettered' || s.status === 'paused') && (
                    <Button
                      size="small"
                      type="primary"
                      icon={<RedoOutlined />}
                      onClick={() => retry(s)}
                      data-testid={`subscription-retry-${s.id}`}
                    >
                      {t('exchange.subscriptions.retry')}
                    </Button>
                  )}
                  <Popconfirm
                    title={t('exchange.subscriptions.deleteConfirm')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(s)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />}>
                      {t('exchange.subscriptions.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <SubscribeModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          list.reload();
          if (created.secret) {
            setSecret({
              title: t('exchange.subscriptions.secretTitle'),
              warning: t('exchange.subscriptions.secretWarning'),
              values: [
                {
                  label: t('exchange.subscriptions.secret'),
                  value: created.secret,
                  testId: 'subscription-secret',
                },
              ],
            });
          }
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(undefined)} />
      <DeadLetterDrawer
        subscription={letters}
        onClose={() => setLetters(undefined)}
        onRetried={() => {
          setLetters(undefined);
          list.reload();
        }}
      />
    </>
  );
}
