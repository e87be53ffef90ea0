/**
 * The freshness API as the portal calls it (`/api/v1/quality/freshness`, R68–R71), its shapes
 * read off the contract (`api/contract.ts`).
 */
import { api } from '../../../api/client.ts';
import type { ResponseOf } from '../../../api/contract.ts';

export const FRESHNESS_PATH = '/quality/freshness';

export type FreshnessList = ResponseOf<typeof FRESHNESS_PATH>;
export type FreshnessItem = FreshnessList['items'][number];
export type FreshnessStatus = FreshnessItem['status'];
export type FreshnessRule = FreshnessItem['rule'];
export type RestrictionList = ResponseOf<`${typeof FRESHNESS_PATH}/restrictions`>;
export type Restriction = RestrictionList['items'][number];

export const FRESHNESS_STATUSES = [
  'late',
  'due',
  'fresh',
  'unknown',
] as const satisfies readonly FreshnessStatus[];

export const freshnessApi = {
  restrict: (departmentId: string, reason: string) =>
    api(`${FRESHNESS_PATH}/restrictions`, { method: 'POST', body: { departmentId, reason } }),
  lift: (id: string, note: string) =>
    api(`${FRESHNESS_PATH}/restrictions/${id}/lift`, { method: 'POST', body: { note } }),
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
