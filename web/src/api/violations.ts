/**
 * Violation cases and circulars as the portal calls them (`/api/v1/supervision/violations`,
 * `/api/v1/supervision/circulars`; issue 17, R114, N20). Shapes are read off the contract.
 */
import { api } from './client.ts';
import type { BodyOf, ResponseOf } from './contract.ts';

export type Violation = ResponseOf<`/supervision/violations/${string}`>;
export type ViolationStatus = Violation['status'];
export type ViolationCategory = ResponseOf<'/supervision/violations/categories'>['items'][number];
export type Circular = ResponseOf<`/supervision/circulars/${string}`>;

export const VIOLATIONS_PATH = '/supervision/violations';
export const CIRCULARS_PATH = '/supervision/circulars';

/** The states a list may be filtered by, in the order a case goes through them. */
export const VIOLATION_STATUS_ORDER: ViolationStatus[] = [
  'open',
  'ordered',
  'rectified',
  'closed',
  'dismissed',
];

export const violationsApi = {
  open: (body: BodyOf<'/supervision/violations', 'POST'>) => api(VIOLATIONS_PATH, { method: 'POST', body }),
};
