/**
 * Violation cases and circulars as the portal calls them (`/api/v1/supervision/violations`,
 * `/api/v1/supervision/circulars`; issue 17, R114, N20). Shapes are the server's own types.
 */
import type { ViolationCategory } from '../../../src/supervision/violations/categories.ts';
import type { SourceKind, ViolationStatus } from '../../../src/supervision/violations/schema.ts';
import type { Circular, ToRectify, Violation } from '../../../src/supervision/violations/schemas.ts';
import { api } from './client.ts';

export type { Circular, SourceKind, ToRectify, Violation, ViolationCategory, ViolationStatus };

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

export interface Page<T> {
  items: T[];
  total: number;
}

export const violationsApi = {
  open: (body: { categoryCode: string; respondentDepartmentId: string; facts: string }) =>
    api<Violation>(VIOLATIONS_PATH, { method: 'POST', body }),
};
