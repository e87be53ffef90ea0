import { Card, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { LoginStage, StageAnswer } from '../../api/types.ts';
import { LanguageSwitch } from '../../layout/language-switch.tsx';
import { useSession } from '../../session/index.tsx';
import { CredentialsStep } from './credentials-step.tsx';
import { PasswordChangeStep } from './password-change-step.tsx';
import { TotpEnrolStep } from './totp-enrol-step.tsx';
import { TotpVerifyStep } from './totp-verify-step.tsx';

type Step = 'credentials' | Exclude<LoginStage, 'done'>;

/**
 * Signing in is a conversation with the server: it answers each step with the next one
 * (change the one-time password, enrol TOTP, enter a TOTP code) until `done`.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { me, pendingStage, signedIn, refresh, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [step, setStep] = useState<Step>(pendingStage ?? 'credentials');
  // The one-time password typed at step one is the "current password" of the forced change.
  const [typedPassword, setTypedPassword] = useState<string>();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  // A sign-in left half-way (page reloaded, or back from SSO needing a TOTP code) resumes where it stopped.
  useEffect(() => {
    if (pendingStage) setStep((current) => (current === 'credentials' ? pendingStage : current));
  }, [pendingStage]);

  if (me === undefined) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me) return <Navigate to={from === '/login' ? '/' : from} replace />;

  const advance = async (answer: StageAnswer) => {
    if (answer.stage === 'done') {
      if (answer.me) signedIn(answer.me);
      else await refresh();
      navigate(from === '/login' ? '/' : from, { replace: true });
      return;
    }
    setStep(answer.stage);
  };
  // Leaving a half-finished sign-in ends its partial session on the server too.
  const restart = () => {
    setTypedPassword(undefined);
    setStep('credentials');
    void signOut().catch(() => undefined);
  };

  return (
    <div className="gs-login">
      <section className="gs-login-hero">
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 16, fontWeight: 600 }}>
          <img src="/favicon.svg" alt="" width={32} height={32} />
          govshare
        </div>
        <div>
          <h1>{t('app.title')}</h1>
          <p>{t('login.tagline')}</p>
        </div>
        <p style={{ fontSize: 13, opacity: 0.6 }}>{t('app.footer')}</p>
      </section>
      <section className="gs-login-panel">
        <div className="gs-login-card">
          <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 16 }}>
            <LanguageSwitch />
          </div>
          <Card
            variant="borderless"
            style={{ boxShadow: '0 8px 30px rgba(15, 42, 95, 0.08)' }}
            data-testid="login-stage"
            data-stage={step}
          >
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="login-step-title">
              {t(TITLES[step])}
            </Typography.Title>
            {step === 'credentials' && (
              <CredentialsStep
                ssoError={params.get('sso_error')}
                onAnswer={async (answer, password) => {
                  setTypedPassword(password);
                  await advance(answer);
                }}
              />
            )}
            {step === 'password_change' && (
              <PasswordChangeStep currentPassword={typedPassword} onAnswer={advance} onCancel={restart} />
            )}
            {step === 'totp_enrol' && <TotpEnrolStep onAnswer={advance} onCancel={restart} />}
            {step === 'totp_verify' && <TotpVerifyStep onAnswer={advance} onCancel={restart} />}
          </Card>
          <p style={{ textAlign: 'center', marginTop: 16 }}>
            <Link to="/open" className="gs-login-open" data-testid="login-open-data">
              {t('opendata.link')} →
            </Link>
          </p>
        </div>
      </section>
    </div>
  );
}

const TITLES = {
  credentials: 'login.title',
  password_change: 'login.changeTitle',
  totp_enrol: 'login.enrolTitle',
  totp_verify: 'login.verifyTitle',
} as const;
