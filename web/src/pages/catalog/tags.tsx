import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntryStatus, EntrySummary, ObligationState, ShareType } from '../../api/catalog.ts';
import { useVocabulary } from './vocabulary.ts';

/** 无条件 green, 有条件 amber, 不予 red: the colours people read before the words. */
export const SHARE_TYPE_COLORS: Record<ShareType, string> = {
  unconditional: 'green',
  conditional: 'orange',
  not_shared: 'red',
};

const STATUS_COLORS: Record<EntryStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  ratified: 'cyan',
  published: 'success',
  withdrawn: 'error',
};

const VERSION_COLORS: Record<string, string> = {
  ...STATUS_COLORS,
  superseded: 'default',
  rejected: 'error',
};

export function ShareTypeTag({ type }: { type: ShareType | undefined | null }) {
  const { label } = useVocabulary();
  if (!type) return null;
  return (
    <Tag color={SHARE_TYPE_COLORS[type] ?? 'default'} data-share-type={type}>
      {label('shareTypes', type)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: EntryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {t(`catalog.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function VersionStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={VERSION_COLORS[status] ?? 'default'}>
      {t(`catalog.versionStatuses.${status as 'draft'}`, { defaultValue: status })}
    </Tag>
  );
}

/** A published entry with a newer version on its way (修订中：草稿 / 待核定…). */
export function RevisionTag({ entry }: { entry: Pick<EntrySummary, 'status' | 'currentStatus'> }) {
  const { t } = useTranslation();
  const current = entry.currentStatus;
  if (!current || current === entry.status) return null;
  return (
    <Tag color="gold" data-current-status={current}>
      {t('catalog.detail.revision')}：
      {t(`catalog.versionStatuses.${current as 'draft'}`, { defaultValue: current })}
    </Tag>
  );
}

const STATE_COLORS: Record<ObligationState, string> = { due: 'gold', overdue: 'red', fulfilled: 'green' };

export function ObligationStateTag({ state }: { state: ObligationState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {t(`catalog.obligations.states.${state}`)}
    </Tag>
  );
}
