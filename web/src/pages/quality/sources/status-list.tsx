import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualitySourcesMessages } from '../../../i18n/modules/quality-sources.zh-CN.ts';

/** Every status a tab of the sources page names (the registry's, the flags', the conflicts'). */
type SourceStatus = keyof QualitySourcesMessages['status'];

const PAGE_SIZE = 20;

/**
 * One tab's list of the sources page: filtered by status and paged on the server; changing the
 * status goes back to the first page. Answers the query to load the list with, the filter's props
 * and the table's pagination for the list's total.
 *
 * @example
 * const { query, filter, pagination } = useStatusList<ConflictStatus>();
 * const list = useApi(`${SOURCES_PATH}/conflicts`, query);
 */
export function useStatusList<Status extends string>(initial?: Status) {
  const [status, setStatus] = useState<Status | undefined>(initial);
  const [page, setPage] = useState(1);
  return {
    query: { status, page, pageSize: PAGE_SIZE },
    filter: {
      value: status,
      onChange: (next: Status | undefined) => {
        setStatus(next);
        setPage(1);
      },
    },
    pagination: (total: number | undefined) => ({
      current: page,
      pageSize: PAGE_SIZE,
      total: total ?? 0,
      hideOnSinglePage: true,
      onChange: setPage,
    }),
  };
}

/** The status filter of a tab: the statuses in words, cleared to show all. */
export function StatusFilter<Status extends SourceStatus>({
  statuses,
  value,
  onChange,
  width = 140,
}: {
  statuses: readonly Status[];
  value: Status | undefined;
  onChange(next: Status | undefined): void;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Select<Status>
      allowClear
      aria-label={t('qualitySources.filterStatus')}
      value={value}
      onChange={onChange}
      placeholder={t('qualitySources.filterStatus')}
      style={{ width }}
      options={statuses.map((s) => ({ value: s, label: t(`qualitySources.status.${s}`) }))}
    />
  );
}
