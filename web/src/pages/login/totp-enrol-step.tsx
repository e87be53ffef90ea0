import { Alert, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { StageAnswer, TotpEnrolment } from '../../api/types.ts';
import { TotpCodeForm } from './totp-code-form.tsx';

export function TotpEnrolStep({
  onAnswer,
  onCancel,
}: {
  onAnswer: (answer: StageAnswer) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const [error, setError] = useState<string>();
  // Each enrol call makes a new secret: ask once, even when React runs the effect twice.
  const asked = useRef(false);

  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    api('/auth/totp/enrol', { method: 'POST', expectUnauthorized: true })
      .then(setEnrolment)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);

  return (
    <>
      <Typography.Paragraph type="secondary">{t('login.enrolHint')}</Typography.Paragraph>
      {error && (
        <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} />
      )}
      {!enrolment && !error && <Skeleton.Image active style={{ width: 184, height: 184 }} />}
      {enrolment && (
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <img className="gs-qr" src={enrolment.qrDataUrl} alt={t('login.qrAlt')} data-testid="totp-qr" />
          <Typography.Text type="secondary">{t('login.secret')}：</Typography.Text>
          <Typography.Text
            className="gs-secret"
            copyable={{ text: enrolment.secret }}
            strong
            data-testid="totp-secret"
          >
            {enrolment.secret}
          </Typography.Text>
        </div>
      )}
      <TotpCodeForm
        path="/auth/totp/confirm"
        submitLabel={t('login.enrolSubmit')}
        onAnswer={onAnswer}
        onCancel={onCancel}
      />
    </>
  );
}
