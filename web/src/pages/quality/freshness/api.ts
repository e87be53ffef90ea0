/**
 * The freshness API as the portal calls it (`/api/v1/quality/freshness`, R68–R71). The shapes
 * mirror the server's route schemas (src/quality/freshness/routes.ts).
 */
import { api } from '../../../api/client.ts';

export const FRESHNESS_STATUSES = ['late', 'due', 'fresh', 'unknown'] as const;
export type FreshnessStatus = (typeof FRESHNESS_STATUSES)[number];

export interface FreshnessRule {
  kind: 'real_time' | 'days' | 'months' | 'quarterly_window' | 'none';
  days?: number;
  months?: number;
  firstMonthDays?: number;
  basis: 'statutory' | 'catalog';
  article: string | null;
  text: string;
  source?: string;
}

export interface FreshnessItem {
  entry: { id: string; code: string; name: string };
  provider: { id: string; name: string };
  updateCycle: string;
  rule: FreshnessRule;
  lastChangeAt: string | null;
  lastChangeSource: 'change_log' | 'node' | 'service' | 'none';
  dueBy: string | null;
  status: FreshnessStatus;
  statusSince: string;
  checkedAt: string;
}

export interface FreshnessTransition {
  from: FreshnessStatus | null;
  to: FreshnessStatus;
  at: string;
  reason: string;
  lastChangeAt: string | null;
  dueBy: string | null;
  article: string | null;
}

export interface FreshnessList {
  items: FreshnessItem[];
  total: number;
  counts: Record<FreshnessStatus, number>;
}

export interface Restriction {
  id: string;
  department: { id: string; name: string };
  status: 'active' | 'lifted';
  reason: string;
  lateEntries: { id: string; code: string; name: string }[];
  article: string | null;
  createdAt: string;
  createdBy: { id: string; name: string };
  liftedAt: string | null;
  liftedBy: { id: string; name: string } | null;
  liftKind: 'authority' | 'caught_up' | null;
  liftNote: string | null;
}

export interface RestrictionList {
  items: Restriction[];
  total: number;
  /** The profile's cited permission (updateTimeliness.restrictLate). */
  allowed: { value: boolean; article: string | null; text: string };
}

export const FRESHNESS_PATH = '/quality/freshness';

export const freshnessApi = {
  restrict: (departmentId: string, reason: string) =>
    api<Restriction>(`${FRESHNESS_PATH}/restrictions`, { method: 'POST', body: { departmentId, reason } }),
  lift: (id: string, note: string) =>
    api<Restriction>(`${FRESHNESS_PATH}/restrictions/${id}/lift`, { method: 'POST', body: { note } }),
};

export const STATUS_COLORS: Record<FreshnessStatus, string> = {
  fresh: 'success',
  due: 'warning',
  late: 'error',
  unknown: 'default',
};

/** Bar colours of the status chart (antd's success, warning, error and neutral tones). */
export const STATUS_FILL: Record<FreshnessStatus, string> = {
  fresh: '#52c41a',
  due: '#faad14',
  late: '#ff4d4f',
  unknown: '#bfbfbf',
};
