import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { AlertDrawer, STATUS_COLORS, SUSPENSION_COLORS } from './alert-drawer.tsx';
import { AlertSettingsModal } from './alert-settings.tsx';
import {
  ALERT_KINDS,
  ALERTS_PATH,
  type AlertKind,
  type AlertStatus,
  type SecurityAlert,
} from './alert-types.ts';

const PAGE_SIZE = 20;

/**
 * 安全告警 (issue 17; R65, R89): what the platform found in its own access trail, open ones first
 * by default; a row opens the evidence, where the alert is acknowledged and a suspension lifted.
 * A notice's link (`?alert=<id>`) opens its alert at once.
 */
export function SecurityAlertsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<AlertStatus | 'all'>('open');
  const [kind, setKind] = useState<AlertKind | 'all'>('all');
  const [page, setPage] = useState(1);
  const [configuring, setConfiguring] = useState(false);
  const { can } = useSession();
  const list = useApi(ALERTS_PATH, {
    status: status === 'all' ? undefined : status,
    kind: kind === 'all' ? undefined : kind,
    page,
    pageSize: PAGE_SIZE,
  });
  const opened = params.get('alert');
  const open = (id: string | null) => setParams(id ? { alert: id } : {}, { replace: true });
  const en = i18n.language === 'en';
  const when = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        subtitle={t('alerts.subtitle')}
        extra={
          can('supervision.alert.configure') && (
            <Button
              icon={<SettingOutlined />}
              onClick={() => setConfiguring(true)}
              data-testid="alert-settings"
            >
              {t('alerts.settings.open')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 160 }}
            aria-label={t('alerts.filters.status')}
            data-testid="alert-status-filter"
            options={[
              { value: 'all', label: t('alerts.filters.allStatus') },
              { value: 'open', label: t('alerts.status.open') },
              { value: 'acknowledged', label: t('alerts.status.acknowledged') },
            ]}
          />
          <Select
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            style={{ width: 180 }}
            aria-label={t('alerts.filters.kind')}
            data-testid="alert-kind-filter"
            options={[
              { value: 'all', label: t('alerts.filters.allKinds') },
              ...ALERT_KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}`) })),
            ]}
          />
        </Space>
        <Table<SecurityAlert>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="alert-table"
          scroll={{ x: 960 }}
          onRow={(row) => ({ 'data-testid': `alert-row-${row.id}` }) as object}
          locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              title: t('alerts.columns.kind'),
              dataIndex: 'kind',
              width: 140,
              render: (k: AlertKind) => <Tag color="volcano">{t(`alerts.kind.${k}`)}</Tag>,
            },
            {
              title: t('alerts.columns.subject'),
              key: 'subject',
              render: (_: unknown, row) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{row.subject.label ?? row.subject.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t(`alerts.subjectKind.${row.subject.kind}`)} · {row.subject.departmentName ?? '—'}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('alerts.columns.summary'),
              key: 'summary',
              render: (_: unknown, row) => (en ? row.summary.en : row.summary.zh),
            },
            {
              title: t('alerts.columns.window'),
              key: 'window',
              width: 190,
              render: (_: unknown, row) => (
                <span>
                  {when(row.windowFrom)}
                  <br />
                  {when(row.windowTo)}
                </span>
              ),
            },
            {
              title: t('alerts.columns.status'),
              key: 'status',
              width: 120,
              render: (_: unknown, row) => (
                <Space orientation="vertical" size={4}>
                  <Tag color={STATUS_COLORS[row.status]}>{t(`alerts.status.${row.status}`)}</Tag>
                  {row.suspension !== 'none' && (
                    <Tag color={SUSPENSION_COLORS[row.suspension]}>
                      {t(`alerts.suspension.${row.suspension}`)}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_: unknown, row) => (
                <Button
                  type="link"
                  size="small"
                  onClick={() => open(row.id)}
                  data-testid={`alert-open-${row.id}`}
                >
                  {t('alerts.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <AlertSettingsModal open={configuring} onClose={() => setConfiguring(false)} />
      <AlertDrawer alertId={opened} onClose={() => open(null)} onChanged={list.reload} />
    </>
  );
}
