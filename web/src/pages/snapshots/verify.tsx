import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import type { ResponseOf } from '../../api/contract.ts';
import { ErrorAlert } from '../../lib/errors.tsx';
import { formatDateTime } from '../../lib/format.ts';

type Verdict = ResponseOf<'/seal/snapshots/verify', 'POST'>;

/** Public (no sign-in): checks a voucher by its id and digest, as its QR code leads here. */
export function SnapshotVerifyPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ id: string; digest: string }>();
  const [verdict, setVerdict] = useState<Verdict>();
  const [error, setError] = useState<ApiError>();
  const en = i18n.language.startsWith('en');

  const verify = useCallback(async (values: { id: string; digest: string }) => {
    setError(undefined);
    try {
      setVerdict(
        await api('/seal/snapshots/verify', {
          method: 'POST',
          body: { id: values.id.trim(), digest: values.digest.trim() },
        }),
      );
    } catch (e) {
      setVerdict(undefined);
      setError(e as ApiError);
    }
  }, []);

  // Opened from a voucher's QR code: the link carries the id and digest, checked at once.
  useEffect(() => {
    const id = params.get('id');
    const digest = params.get('digest');
    if (id && digest) {
      form.setFieldsValue({ id, digest });
      void verify({ id, digest });
    }
  }, [params, form, verify]);

  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('snapshots.verifyTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('snapshots.verifySubtitle')}</Typography.Paragraph>
      <Card variant="borderless">
        <Form form={form} layout="vertical" onFinish={verify}>
          <Form.Item name="id" label={t('snapshots.verifyId')} rules={[{ required: true, max: 64 }]}>
            <Input data-testid="verify-id" />
          </Form.Item>
          <Form.Item
            name="digest"
            label={t('snapshots.verifyDigest')}
            rules={[{ required: true, pattern: /^[0-9a-fA-F]{64}$/ }]}
          >
            <Input data-testid="verify-digest" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="verify-submit">
            {t('snapshots.verifyButton')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={error} />
      {verdict && (
        <Card
          variant="borderless"
          style={{ marginTop: 16 }}
          data-testid="verify-verdict"
          data-valid={verdict.valid}
        >
          <Alert
            type={verdict.valid ? 'success' : 'error'}
            showIcon
            icon={
              verdict.valid ? (
                <CheckCircleTwoTone twoToneColor="#237804" />
              ) : (
                <CloseCircleTwoTone twoToneColor="#a8071a" />
              )
            }
            message={verdict.valid ? t('snapshots.valid') : t('snapshots.invalid')}
            description={en ? verdict.message.en : verdict.message.zh}
          />
          {verdict.snapshot && (
            <Descriptions column={1} size="small" style={{ marginTop: 16 }} bordered>
              <Descriptions.Item label={t('snapshots.caseNumber')}>
                {verdict.snapshot.caseNumber}
              </Descriptions.Item>
              <Descriptions.Item label={t('snapshots.takenAt')}>
                {formatDateTime(verdict.snapshot.takenAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('snapshots.resource')}>
                {verdict.snapshot.resourceName}（{verdict.snapshot.resourceCode}）
              </Descriptions.Item>
              <Descriptions.Item label={t('snapshots.department')}>
                {verdict.snapshot.requesterDepartmentName}
              </Descriptions.Item>
              <Descriptions.Item label={t('snapshots.records')}>
                {verdict.snapshot.recordCount}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Card>
      )}
    </main>
  );
}
