import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgreementStatus } from '../../../api/sharing.ts';

const COLORS: Record<AgreementStatus, string> = {
  proposed: 'processing',
  signed: 'gold',
  filed: 'success',
  declined: 'error',
  filing_refused: 'error',
  withdrawn: 'default',
};

/** An agreement's state; "filed" is the only one in effect (备案后生效). */
export function AgreementStatusTag({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-agreement-status={status}>
      {t(`sharing.agreements.statuses.${status}`)}
    </Tag>
  );
}
