import { CheckOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { buttonTestId } from '../../lib/test-id.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';
import { AlertChart } from './alert-chart.tsx';
import { ALERTS_PATH, evidenceOf } from './alert-types.ts';

export const STATUS_COLORS = { open: 'red', acknowledged: 'green' } as const;
export const SUSPENSION_COLORS = { none: 'default', suspended: 'orange', lifted: 'blue' } as const;

/** The figures of the evidence worth a line each, in this order. */
const FIGURES = [
  'count',
  'median',
  'factor',
  'floor',
  'threshold',
  'entries',
  'minReads',
  'windowMinutes',
] as const;

/** One alert with its evidence, a chart of it, and the acknowledge and lift buttons. */
export function AlertDrawer({
  alertId,
  onClose,
  onChanged,
}: {
  alertId: string | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const detail = useApi(alertId ? `${ALERTS_PATH}/${alertId}` : null);
  const [acknowledging, setAcknowledging] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const alert = detail.data?.id === alertId ? detail.data : undefined;
  const en = i18n.language === 'en';
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);

  const act = async (step: 'lift' | 'acknowledge', body: { note?: string } | undefined, done: string) => {
    setBusy(true);
    try {
      await api(`${ALERTS_PATH}/${alertId}/${step}`, { method: 'POST', body });
      void message.success(done);
      setAcknowledging(false);
      setNote('');
      detail.reload();
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const evidence = alert && evidenceOf(alert);
  const figures = evidence ? FIGURES.filter((f) => typeof evidence[f] === 'number') : [];
  return (
    <Drawer
      open={alertId !== null}
      onClose={onClose}
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      title={
        alert
          ? `${t(`alerts.kind.${alert.kind}`)} · ${alert.subject.label ?? alert.subject.name}`
          : t('alerts.detail')
      }
      data-testid="alert-drawer"
      extra={
        alert && (
          <Space wrap>
            {alert.suspension === 'suspended' && can('supervision.alert.lift') && (
              <Popconfirm
                title={t('alerts.lift')}
                description={<div style={{ maxWidth: 280 }}>{t('alerts.liftConfirm')}</div>}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => act('lift', undefined, t('alerts.lifted'))}
              >
                <Button icon={<UnlockOutlined />} loading={busy} data-testid="alert-lift">
                  {t('alerts.lift')}
                </Button>
              </Popconfirm>
            )}
            {alert.status === 'open' && can('supervision.alert.acknowledge') && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setAcknowledging(true)}
                data-testid="alert-acknowledge"
              >
                {t('alerts.acknowledge')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {alert && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered data-testid="alert-fields">
            <Descriptions.Item label={t('alerts.fields.kind')}>
              {t(`alerts.kind.${alert.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.subject')}>
              {t(`alerts.subjectKind.${alert.subject.kind}`)} {alert.subject.label ?? alert.subject.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.account')}>
              <Typography.Text code>{alert.subject.name}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.department')}>
              {alert.subject.departmentName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.window')}>
              {when(alert.windowFrom)} – {when(alert.windowTo)}
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.summary')}>
              <span data-testid="alert-summary">{en ? alert.summary.en : alert.summary.zh}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.occurrences')}>{alert.occurrences}</Descriptions.Item>
            <Descriptions.Item label={t('alerts.fields.status')}>
              <Tag color={STATUS_COLORS[alert.status]} data-testid="alert-status">
                {t(`alerts.status.${alert.status}`)}
              </Tag>
            </Descriptions.Item>
            {alert.acknowledged && (
              <Descriptions.Item label={t('alerts.fields.acknowledged')}>
                {t('alerts.by', { name: alert.acknowledged.by.name, at: when(alert.acknowledged.at) })}
                {alert.acknowledged.note && (
                  <Typography.Paragraph style={{ margin: 0 }} data-testid="alert-note">
                    {alert.acknowledged.note}
                  </Typography.Paragraph>
                )}
              </Descriptions.Item>
            )}
            {alert.subject.kind === 'client' && (
              <Descriptions.Item label={t('alerts.fields.suspension')}>
                <Tag color={SUSPENSION_COLORS[alert.suspension]} data-testid="alert-suspension">
                  {t(`alerts.suspension.${alert.suspension}`)}
                </Tag>
                {alert.lifted && t('alerts.by', { name: alert.lifted.by.name, at: when(alert.lifted.at) })}
              </Descriptions.Item>
            )}
          </Descriptions>
          <AlertChart alert={alert} />
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            title={t('alerts.fields.figures')}
            data-testid="alert-figures"
          >
            {figures.map((f) => (
              <Descriptions.Item key={f} label={t(`alerts.figure.${f}`)}>
                {evidence?.[f]}
              </Descriptions.Item>
            ))}
            {evidence?.workingHours && (
              <Descriptions.Item label={t('alerts.figure.workingHours')}>
                {t('alerts.figure.workingHoursValue', evidence.workingHours)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('alerts.fields.samples')}</Typography.Title>
            <Space wrap data-testid="alert-samples">
              {alert.evidence.sampleEntryIds.map((id) => (
                <Typography.Text key={id} code copyable>
                  {id}
                </Typography.Text>
              ))}
            </Space>
          </div>
        </Space>
      )}
      <Modal
        open={acknowledging}
        title={t('alerts.acknowledgeTitle')}
        okText={t('alerts.acknowledge')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setAcknowledging(false)}
        onOk={() => act('acknowledge', note.trim() ? { note } : {}, t('alerts.acknowledged'))}
        okButtonProps={buttonTestId('alert-acknowledge-ok')}
      >
        <Typography.Paragraph type="secondary">{t('alerts.acknowledgeHint')}</Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          rows={4}
          placeholder={t('alerts.notePlaceholder')}
          aria-label={t('alerts.fields.note')}
          data-testid="alert-note-input"
        />
      </Modal>
    </Drawer>
  );
}
