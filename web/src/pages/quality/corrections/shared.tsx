import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Correction, CorrectionStatus } from '../../../api/quality.ts';

/** Working days left at which an open request shows 临期, as the platform's reminders do (2 WD). */
export const DUE_SOON_WORKING_DAYS = 2;

const OPEN: readonly CorrectionStatus[] = ['filed', 'checking', 'forwarded'];

/** Whether a request still waits for an answer: its records are marked meanwhile (R83). */
export const isOpen = (c: Pick<Correction, 'status'>) => OPEN.includes(c.status);

const STATUS_COLORS: Record<CorrectionStatus, string> = {
  filed: 'processing',
  checking: 'processing',
  forwarded: 'processing',
  corrected: 'success',
  confirmed: 'success',
  resolved: 'success',
  rejected: 'warning',
  withdrawn: 'default',
};

/** A request's status as a tag, named by the portal's own words. */
export function StatusTag({ status }: { status: CorrectionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`qualityCorrections.statuses.${status}`)}
    </Tag>
  );
}

/**
 * The due date of a request as the party that owes the answer reads it: the date (provisional
 * where the holiday notice is not loaded), 逾期 once past it, 临期 within two working days.
 */
export function DueCell({ c }: { c: Pick<Correction, 'deadline' | 'overdue' | 'status'> }) {
  const { t } = useTranslation();
  const open = isOpen(c);
  const d = c.deadline;
  if (!d)
    return open ? (
      <Typography.Text type="secondary">{t('qualityCorrections.marks.noPeriod')}</Typography.Text>
    ) : (
      <>—</>
    );
  const left = d.workingDaysLeft;
  const overdue = open && (c.overdue || d.overdue || (left !== null && left < 0));
  const soon = open && !overdue && left !== null && left <= DUE_SOON_WORKING_DAYS;
  return (
    <Space size={4} wrap data-testid="correction-due" data-overdue={overdue} data-due-soon={soon}>
      <span className={overdue ? 'gs-overdue-text' : undefined}>{d.dueDate}</span>
      {d.provisional && (
        <Tag className="gs-provisional" title={t('sharing.deadline.provisionalHint')}>
          {t('sharing.deadline.provisional')}
        </Tag>
      )}
      {overdue && <Tag color="red">{t('qualityCorrections.marks.overdue')}</Tag>}
      {soon && <Tag color="orange">{t('qualityCorrections.marks.dueSoon')}</Tag>}
    </Space>
  );
}

/** The tag a record under verification carries wherever the portal shows it (R83). */
export function UnderVerificationTag() {
  const { t } = useTranslation();
  return (
    <Tag color="gold" title={t('qualityCorrections.underVerificationHint')} data-testid="under-verification">
      {t('qualityCorrections.underVerification')}
    </Tag>
  );
}

/** A record key as one line: its items' values, in the key's order. */
export function keyText(key: Record<string, string>): string {
  return Object.values(key).join(' / ');
}
