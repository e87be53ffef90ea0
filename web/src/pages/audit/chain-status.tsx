import {
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  QuestionCircleTwoTone,
  SafetyOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../layout/page-header.tsx';
import { ErrorAlert, useShowError } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { useSession } from '../../session/index.tsx';

function useAge(): (seconds: number) => string {
  const { t } = useTranslation();
  return (s) =>
    s < 120
      ? t('audit.chain.seconds', { count: s })
      : s < 7200
        ? t('audit.chain.minutes', { count: Math.round(s / 60) })
        : t('audit.chain.hours', { count: Math.round(s / 3600) });
}

/** The chain at a glance: intact or broken (with every break found), head, checkpoint age, archives. */
export function ChainStatusCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const age = useAge();
  const status = useApi('/audit/status');
  const [verifying, setVerifying] = useState(false);
  const s = status.data;
  const last = s?.lastVerification;

  const verify = async () => {
    setVerifying(true);
    try {
      await api('/audit/verify', { method: 'POST' });
      void message.success(t('audit.chain.verifyDone'));
      status.reload();
    } catch (e) {
      showError(e);
    } finally {
      setVerifying(false);
    }
  };

  const state = !last ? 'unknown' : last.ok ? 'ok' : 'broken';
  return (
    <Card
      variant="borderless"
      loading={status.loading && !s}
      data-testid="chain-status"
      data-state={state}
      title={
        <Space>
          {state === 'ok' && <CheckCircleTwoTone twoToneColor="#52c41a" />}
          {state === 'broken' && <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
          {state === 'unknown' && <QuestionCircleTwoTone />}
          <span data-testid="chain-state">
            {state === 'ok'
              ? t('audit.chain.ok')
              : state === 'broken'
                ? t('audit.chain.broken')
                : t('audit.chain.notVerified')}
          </span>
        </Space>
      }
      extra={
        can('audit.verify') && (
          <Button icon={<SafetyOutlined />} loading={verifying} onClick={verify} data-testid="chain-verify">
            {t('audit.chain.verify')}
          </Button>
        )
      }
    >
      <ErrorAlert error={status.error} onRetry={status.reload} />
      {last && !last.ok && last.breaks.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="chain-break"
          title={t('audit.chain.breaks', { count: last.breaks.length, seq: last.breaks[0]?.seq })}
          description={
            <>
              <ul style={{ maxHeight: 240, overflowY: 'auto', margin: 0, paddingInlineStart: 20 }}>
                {last.breaks.map((found) => (
                  <li key={`${found.seq}-${found.kind}`} data-testid="chain-break-item">
                    {t('audit.chain.breakItem', { seq: found.seq, kind: found.kind, message: found.message })}
                  </li>
                ))}
              </ul>
              {last.breaksTruncated && (
                <Typography.Text type="secondary">
                  {t('audit.chain.breaksTruncated', { count: last.breaks.length })}
                </Typography.Text>
              )}
            </>
          }
        />
      )}
      {s && (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('audit.chain.head')}>
            <span data-testid="chain-head">{s.headSeq}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.chain.headAt')}>
            {formatDateTime(s.headAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.chain.checkpoint')}>
            {s.lastCheckpoint
              ? `#${s.lastCheckpoint.seq} · ${formatDateTime(s.lastCheckpoint.at, i18n.language)}`
              : t('audit.chain.noCheckpoint')}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.chain.checkpointAge')}>
            {s.lastCheckpoint ? (
              <Space size={4}>
                <Tag color={s.lastCheckpoint.ageSeconds > 3600 ? 'warning' : 'default'}>
                  {age(s.lastCheckpoint.ageSeconds)}
                </Tag>
                <Typography.Text type="secondary">
                  {t('audit.chain.entriesSince')} {s.lastCheckpoint.entriesSince}
                </Typography.Text>
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.chain.lastVerified')}>
            {last
              ? `${formatDateTime(last.at, i18n.language)} · ${last.by ?? '—'}`
              : t('audit.chain.notVerified')}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.chain.verifiedBy')}>
            {last
              ? t('audit.chain.checked', {
                  entries: last.entriesChecked,
                  checkpoints: last.checkpointsChecked,
                  archives: last.archivesChecked,
                })
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.chain.archives')}>
            {s.archives.count > 0
              ? t('audit.chain.archiveCount', { count: s.archives.count, seq: s.archives.lastToSeq })
              : t('audit.chain.noArchives')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

export function ChainStatusPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('audit.chain.title')} subtitle={t('audit.chain.subtitle')} />
      <ChainStatusCard />
    </>
  );
}
