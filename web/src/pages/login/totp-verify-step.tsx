import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StageAnswer } from '../../api/types.ts';
import { TotpCodeForm } from './totp-code-form.tsx';

export function TotpVerifyStep({
  onAnswer,
  onCancel,
}: {
  onAnswer: (answer: StageAnswer) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('login.verifyHint')}</Typography.Paragraph>
      <TotpCodeForm
        path="/auth/totp/verify"
        submitLabel={t('login.verifySubmit')}
        onAnswer={onAnswer}
        onCancel={onCancel}
      />
    </>
  );
}
