import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { SsoInfo, StageAnswer } from '../../api/types.ts';
import { isEnglish } from '../../i18n/index.ts';

interface Credentials {
  username: string;
  password: string;
}

export function CredentialsStep({
  ssoError,
  onAnswer,
}: {
  ssoError: string | null;
  onAnswer: (answer: StageAnswer, password: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | undefined>(() => {
    if (!ssoError) return undefined;
    return ssoError === 'AUTH_SSO_UNKNOWN_USER'
      ? t('login.ssoUnknownUser')
      : t('login.ssoFailed', { reason: ssoError });
  });
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<SsoInfo>();

  useEffect(() => {
    api('/auth/sso', { expectUnauthorized: true })
      .then(setSso)
      .catch(() => setSso({ enabled: false }));
  }, []);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api('/auth/login', {
        method: 'POST',
        body: { username: values.username.trim(), password: values.password },
        expectUnauthorized: true,
      });
      await onAnswer(answer, values.password);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error && (
        <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} />
      )}
      <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      {sso?.enabled && (
        <>
          <Divider plain style={{ color: '#5b6b80' }}>
            {t('login.or')}
          </Divider>
          <Button
            block
            size="large"
            icon={<SafetyOutlined />}
            href="/api/v1/auth/oidc/start"
            data-testid="login-sso"
          >
            {/* the configured label is written for Chinese readers */}
            {!isEnglish(i18n.language) && sso.label ? sso.label : t('login.sso')}
          </Button>
        </>
      )}
    </>
  );
}
