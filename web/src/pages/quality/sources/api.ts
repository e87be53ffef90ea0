import { api } from '../../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../../api/contract.ts';

/** The 一数一源 API (`/api/v1/quality/sources`) as the portal reads it. */
export const SOURCES_PATH = '/quality/sources';

export type Designation = ResponseOf<typeof SOURCES_PATH>['items'][number];

export type DuplicateFlag = ResponseOf<`${typeof SOURCES_PATH}/duplicates`>['items'][number];
export type DuplicateStatus = DuplicateFlag['status'];
type LawfulBody = BodyOf<`${typeof SOURCES_PATH}/duplicates/${string}/lawful`, 'POST'>;
export type LegalBasisKind = LawfulBody['legalBasis']['kind'];

export type Conflict = ResponseOf<`${typeof SOURCES_PATH}/conflicts/${string}`>;
export type ConflictStatus = Conflict['status'];
export type Difference = NonNullable<Conflict['differences']>[number];
export type ConflictSide = BodyOf<`${typeof SOURCES_PATH}/conflicts/${string}/refer`, 'POST'>['side'];

export const LEGAL_BASIS_KINDS = [
  'law',
  'regulation',
  'administrative_regulation',
  'rule',
  'central_policy',
  'policy',
  'other',
] as const satisfies readonly LegalBasisKind[];

export const sourcesApi = {
  designate: (body: BodyOf<typeof SOURCES_PATH, 'POST'>) => api(SOURCES_PATH, { method: 'POST', body }),
  end: (id: string, reason: string) =>
    api(`${SOURCES_PATH}/designations/${id}/end`, { method: 'POST', body: { reason } }),
  toSource: (id: string, note: string | undefined) =>
    api(`${SOURCES_PATH}/duplicates/${id}/use-source`, { method: 'POST', body: note ? { note } : {} }),
  lawful: (id: string, body: LawfulBody) =>
    api(`${SOURCES_PATH}/duplicates/${id}/lawful`, { method: 'POST', body }),
  refer: (id: string, side: ConflictSide, note: string | undefined) =>
    api(`${SOURCES_PATH}/conflicts/${id}/refer`, { method: 'POST', body: note ? { side, note } : { side } }),
  resolve: (id: string, note: string) =>
    api(`${SOURCES_PATH}/conflicts/${id}/resolve`, { method: 'POST', body: { note } }),
};
