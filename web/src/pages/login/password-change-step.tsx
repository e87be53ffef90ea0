import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { StageAnswer } from '../../api/types.ts';

interface PasswordChange {
  currentPassword?: string;
  newPassword: string;
  confirmPassword: string;
}

export function PasswordChangeStep({
  currentPassword,
  onAnswer,
  onCancel,
}: {
  /** Known when the user just typed it; asked for otherwise. */
  currentPassword: string | undefined;
  onAnswer: (answer: StageAnswer) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordChange>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: PasswordChange) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api('/auth/password', {
        method: 'POST',
        body: {
          // The form asks for the current password (required) exactly when it is not known already.
          currentPassword: currentPassword ?? values.currentPassword ?? '',
          newPassword: values.newPassword,
        },
        expectUnauthorized: true,
      });
      await onAnswer(answer);
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String(e);
      if (e instanceof ApiError && e.field?.endsWith('newPassword')) {
        form.setFields([{ name: 'newPassword', errors: [message] }]);
      } else if (e instanceof ApiError && e.field?.endsWith('currentPassword') && !currentPassword) {
        form.setFields([{ name: 'currentPassword', errors: [message] }]);
      } else {
        setError(message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Alert type="info" showIcon title={t('login.changeHint')} style={{ marginBottom: 16 }} />
      {error && (
        <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} />
      )}
      <Form<PasswordChange> form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
        {!currentPassword && (
          <Form.Item
            name="currentPassword"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
        )}
        <Form.Item
          name="newPassword"
          label={t('login.newPassword')}
          rules={[
            { required: true, message: t('login.newPasswordRequired') },
            {
              validator: async (_, value) => {
                if (value && currentPassword && value === currentPassword)
                  throw new Error(t('login.sameAsOld'));
              },
            },
          ]}
          hasFeedback
        >
          <Input.Password autoComplete="new-password" autoFocus data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('login.confirmPassword')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true, message: t('login.newPasswordRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error(t('login.confirmMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
            {t('login.changeSubmit')}
          </Button>
          <Button type="link" block onClick={onCancel}>
            {t('login.backToLogin')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
