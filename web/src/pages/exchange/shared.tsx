import './exchange.css';
import { LockOutlined } from '@ant-design/icons';
import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChangeOp, HostedColumn, ItemValue } from './api.ts';

/** Numbers as the reader's language groups them. */
export function formatCount(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'zh-CN').format(value);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "3 分钟前" / "3 minutes ago" from an ISO time and now. */
export function useAgo(): (iso: string | null | undefined, now?: number) => string {
  const { i18n, t } = useTranslation();
  return (iso, now = Date.now()) => {
    if (!iso) return t('common.never');
    const at = new Date(iso).getTime();
    if (Number.isNaN(at)) return iso;
    const seconds = Math.round((at - now) / 1000);
    const format = new Intl.RelativeTimeFormat(i18n.language.startsWith('en') ? 'en' : 'zh-CN', {
      numeric: 'auto',
    });
    const abs = Math.abs(seconds);
    if (abs < 60) return format.format(seconds, 'second');
    if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
    if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
    return format.format(Math.round(seconds / 86_400), 'day');
  };
}

/** A duration in seconds as "2 小时 5 分" / "2 h 5 min". */
export function useDuration(): (seconds: number | null | undefined) => string {
  const { t } = useTranslation();
  return (seconds) => {
    if (seconds === null || seconds === undefined) return '—';
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return t('exchange.units.seconds', { n: s });
    if (s < 3600) return t('exchange.units.minutes', { m: Math.floor(s / 60), s: s % 60 });
    if (s < 86_400)
      return t('exchange.units.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
    return t('exchange.units.days', { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
  };
}

const OP_COLORS: Record<ChangeOp, string> = { insert: 'success', update: 'processing', delete: 'error' };

export function OpTag({ op }: { op: ChangeOp }) {
  const { t } = useTranslation();
  return (
    <Tag color={OP_COLORS[op]} data-op={op}>
      {t(`exchange.ops.${op}`)}
    </Tag>
  );
}

/** Any status of the exchange as a coloured tag: green is good, red needs someone, grey is idle. */
const STATUS_COLORS: Record<string, string> = {
  active: 'success',
  online: 'success',
  done: 'success',
  running: 'processing',
  suspended: 'warning',
  paused: 'warning',
  rejected: 'warning',
  disabled: 'default',
  offline: 'error',
  failed: 'error',
  dead_lettered: 'error',
  interrupted: 'error',
};

export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  const known = t(`exchange.statuses.${status}` as 'exchange.statuses.active', { defaultValue: status });
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status} data-testid={testId}>
      {known}
    </Tag>
  );
}

/** Where a change came from: an upload, a batch call or a front-end node. */
export function SourceText({ source }: { source: string }) {
  const { t } = useTranslation();
  const [kind, id] = source.includes(':')
    ? [source.slice(0, source.indexOf(':')), source.slice(source.indexOf(':') + 1)]
    : [source, ''];
  const label = ['load', 'batch', 'node'].includes(kind)
    ? t(`exchange.sources.${kind as 'load' | 'batch' | 'node'}`)
    : kind;
  return (
    <Space size={4}>
      <Tag>{label}</Tag>
      {id && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: id }}>
          {id.length > 14 ? `${id.slice(0, 14)}…` : id}
        </Typography.Text>
      )}
    </Space>
  );
}

export function ColumnFlags({
  column,
}: {
  column: Pick<HostedColumn, 'isKey' | 'personal' | 'active' | 'keyKind'>;
}) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {column.isKey && (
        <Tag color="geekblue" data-flag="key">
          {t('exchange.columns.key')}
          {column.keyKind ? ` · ${t(`exchange.keyKinds.${column.keyKind}`)}` : ''}
        </Tag>
      )}
      {column.personal && (
        <Tag color="purple" data-flag="personal">
          {t('exchange.columns.personal')}
        </Tag>
      )}
      {!column.active && <Tag data-flag="inactive">{t('exchange.columns.inactive')}</Tag>}
    </Space>
  );
}

/**
 * One value of a record: masked values (personal items the grant does not give in clear) carry a
 * lock so that nobody mistakes `110105********002X` for a typo.
 */
export function ValueCell({
  item,
  value,
  masked,
}: {
  item: string;
  value: ItemValue | undefined;
  masked: boolean;
}) {
  const { t } = useTranslation();
  const text =
    value === null || value === undefined
      ? '—'
      : typeof value === 'boolean'
        ? value
          ? t('common.yes')
          : t('common.no')
        : String(value);
  if (!masked) return <span data-testid={`value-${item}`}>{text}</span>;
  return (
    <Tooltip title={t('exchange.query.maskedHint')}>
      <span className="gs-masked" data-testid={`value-${item}`} data-masked="true">
        <LockOutlined /> {text}
      </span>
    </Tooltip>
  );
}

/**
 * How far a follower (subscription, node mapping) is behind: a bar of the seqs it has seen and the
 * count still to come, green when caught up.
 */
export function LagBar({
  cursor,
  lastSeq,
  testId,
}: {
  cursor: number;
  lastSeq: number | null | undefined;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  if (lastSeq === null || lastSeq === undefined)
    return <span data-testid={testId}>{formatCount(cursor, i18n.language)}</span>;
  const lag = Math.max(0, lastSeq - cursor);
  const percent = lastSeq === 0 ? 100 : Math.min(100, Math.floor((cursor / lastSeq) * 100));
  return (
    <Tooltip title={t('exchange.subscriptions.lagHint', { cursor, lastSeq })}>
      <div style={{ minWidth: 150 }} data-testid={testId} data-lag={lag}>
        <Progress
          percent={percent}
          size="small"
          status={lag === 0 ? 'success' : 'active'}
          format={() =>
            lag === 0 ? t('exchange.subscriptions.caughtUp') : `-${formatCount(lag, i18n.language)}`
          }
        />
      </div>
    </Tooltip>
  );
}
