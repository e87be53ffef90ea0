import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { StageAnswer } from '../../api/types.ts';

/** The 6-digit code input shared by TOTP enrolment and TOTP verification. */
export function TotpCodeForm({
  path,
  submitLabel,
  onAnswer,
  onCancel,
}: {
  path: '/auth/totp/confirm' | '/auth/totp/verify';
  submitLabel: string;
  onAnswer: (answer: StageAnswer) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api(path, {
        method: 'POST',
        body: { code },
        expectUnauthorized: true,
      });
      await onAnswer(answer);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error && (
        <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <Form.Item
          name="code"
          label={t('login.code')}
          rules={[
            { required: true, message: t('login.codeRequired') },
            { pattern: /^\d{6}$/, message: t('login.codeFormat') },
          ]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
            placeholder="000000"
            style={{ letterSpacing: 6, fontSize: 20, textAlign: 'center' }}
            data-testid="totp-code"
          />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="totp-submit">
            {submitLabel}
          </Button>
          <Button type="link" block onClick={onCancel}>
            {t('login.backToLogin')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
