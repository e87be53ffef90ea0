import {
  EditOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { exchangeApi, type InterfaceService } from './api.ts';
import { ServiceDrawer } from './service-drawer.tsx';
import { StatusTag, useAgo } from './shared.tsx';

/** Whether consumers can call a service now: disabled, missing its specification (R47), or callable. */
function CallableTag({ service }: { service: InterfaceService }) {
  const { t } = useTranslation();
  if (service.status !== 'active')
    return <StatusTag status={service.status} testId={`service-state-${service.entryCode}`} />;
  return service.callable ? (
    <Tag color="success" data-testid={`service-state-${service.entryCode}`} data-status="callable">
      {t('exchange.services.callable')}
    </Tag>
  ) : (
    <Tooltip title={t('exchange.services.specMissingHint')}>
      <Tag color="warning" data-testid={`service-state-${service.entryCode}`} data-status="spec_missing">
        {t('exchange.services.specMissing')}
      </Tag>
    </Tooltip>
  );
}

function LastCall({ service }: { service: InterfaceService }) {
  const { t, i18n } = useTranslation();
  const ago = useAgo();
  if (!service.lastCalledAt)
    return <Typography.Text type="secondary">{t('exchange.services.neverCalled')}</Typography.Text>;
  const ok = service.lastStatus !== null && service.lastStatus < 400;
  return (
    <Tooltip title={formatDateTime(service.lastCalledAt, i18n.language)}>
      <Space size={4}>
        <Tag color={ok ? 'success' : 'error'}>{service.lastStatus ?? '—'}</Tag>
        <span>{ago(service.lastCalledAt)}</span>
        {service.lastDurationMs !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {service.lastDurationMs} ms
          </Typography.Text>
        )}
      </Space>
    </Tooltip>
  );
}

/** 接口服务: the provider's own endpoints registered as resources' services, called through the gateway. */
export function ServicesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const manages = can('exchange.host.manage');
  const list = useApi('/exchange/services', { pageSize: 200 });
  const [editing, setEditing] = useState<InterfaceService | 'new'>();

  const toggle = async (s: InterfaceService) => {
    try {
      await exchangeApi.setServiceStatus(s.id, s.status === 'active' ? 'disable' : 'enable');
      void message.success(
        t(s.status === 'active' ? 'exchange.services.disabled' : 'exchange.services.enabled'),
      );
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('exchange.services.title')}
        subtitle={t('exchange.services.subtitle')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              {t('common.refresh')}
            </Button>
            {manages && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="services-register"
              >
                {t('exchange.services.register')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Table<InterfaceService>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="services-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('exchange.services.empty')} /> }}
          columns={[
            {
              title: t('exchange.fields.resource'),
              key: 'entry',
              render: (_, s) => (
                <Space orientation="vertical" size={0}>
                  <span>{s.entryName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.entryCode} · v{s.entryVersion}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('exchange.services.url'),
              key: 'url',
              render: (_, s) => (
                <Typography.Text code style={{ fontSize: 12 }} ellipsis={{ tooltip: s.url }}>
                  {s.url}
                </Typography.Text>
              ),
            },
            {
              title: t('exchange.services.methods'),
              key: 'methods',
              render: (_, s) => (
                <Space size={4}>
                  {s.methods.map((m) => (
                    <Tag key={m} color={m === 'GET' ? 'green' : 'blue'}>
                      {m}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('exchange.services.timeout'),
              key: 'timeout',
              render: (_, s) => (s.timeoutMs ? `${s.timeoutMs} ms` : t('exchange.services.platformDefault')),
            },
            {
              title: t('exchange.services.items'),
              key: 'items',
              render: (_, s) => (
                <Tooltip title={s.items.join('、')}>
                  <span>{t('exchange.services.itemCount', { count: s.items.length })}</span>
                </Tooltip>
              ),
            },
            { title: t('common.status'), key: 'state', render: (_, s) => <CallableTag service={s} /> },
            {
              title: t('exchange.services.lastCall'),
              key: 'last',
              render: (_, s) => <LastCall service={s} />,
            },
            ...(manages
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, s: InterfaceService) => (
                      <Space size={4}>
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t(
                            s.status === 'active'
                              ? 'exchange.services.disableConfirm'
                              : 'exchange.services.enableConfirm',
                          )}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => toggle(s)}
                        >
                          <Button
                            size="small"
                            danger={s.status === 'active'}
                            icon={s.status === 'active' ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
                          >
                            {t(
                              s.status === 'active'
                                ? 'exchange.services.disable'
                                : 'exchange.services.enable',
                            )}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ServiceDrawer
        service={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          list.reload();
        }}
      />
    </>
  );
}
