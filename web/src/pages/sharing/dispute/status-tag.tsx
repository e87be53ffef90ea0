import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DisputeStatus } from '../../../api/sharing.ts';

/** The states that still wait for a step with a deadline. */
export const OPEN_DISPUTE: readonly DisputeStatus[] = [
  'negotiating',
  'negotiation_failed',
  'coordinating',
  'referred',
];

const COLORS: Record<DisputeStatus, string> = {
  negotiating: 'processing',
  negotiation_failed: 'warning',
  agreed: 'success',
  coordinating: 'purple',
  granted: 'success',
  closed: 'error',
  withdrawn: 'default',
  referred: 'gold',
  government_granted: 'success',
  government_closed: 'error',
};

export function DisputeStatusTag({ status }: { status: DisputeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-dispute-status={status}>
      {t(`sharing.disputes.statuses.${status}`)}
    </Tag>
  );
}
