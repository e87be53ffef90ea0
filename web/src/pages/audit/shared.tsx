import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type AuditOutcome, type Count, isAccessMethod, isAuditOutcome } from '../../api/audit.ts';

/** A picked instant from antd's date pickers (a Dayjs), as far as the pages need it. */
export interface Picked {
  toISOString(): string;
}

/** `[from, to]` of a RangePicker as ISO instants for the API. */
export function rangeOf(range: [Picked | null, Picked | null] | null | undefined): {
  from?: string;
  to?: string;
} {
  const [from, to] = range ?? [null, null];
  return { ...(from ? { from: from.toISOString() } : {}), ...(to ? { to: to.toISOString() } : {}) };
}

const OUTCOME_COLOR: Record<AuditOutcome, string> = {
  success: 'success',
  failure: 'error',
  denied: 'warning',
};

export function OutcomeTag({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return isAuditOutcome(outcome) ? (
    <Tag color={OUTCOME_COLOR[outcome]}>{t(`audit.outcome.${outcome}`)}</Tag>
  ) : (
    <Tag>{outcome}</Tag>
  );
}

export function useMethodLabel(): (method: string | null) => string {
  const { t } = useTranslation();
  return (method) => (isAccessMethod(method) ? t(`audit.method.${method}`) : (method ?? '—'));
}

/** A small table of grouped counts, e.g. accesses per resource or per day. */
export function CountTable({
  title,
  counts,
  label,
  testId,
}: {
  title: string;
  counts: (Count & { name?: string | null })[];
  label?: (row: Count & { name?: string | null }) => string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<Count & { name?: string | null }>
      size="small"
      rowKey={(r) => r.key ?? '∅'}
      dataSource={counts}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid={testId}
      columns={[
        {
          title,
          key: 'key',
          render: (_: unknown, row) => (label ? label(row) : (row.name ?? row.key ?? '—')),
        },
        { title: t('audit.field.count'), dataIndex: 'count', width: 100, align: 'right' },
      ]}
    />
  );
}
