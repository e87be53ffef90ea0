import { api } from '../../../api/client.ts';

/** The 一数一源 API (`/api/v1/quality/sources`) as the portal reads it. */
export const SOURCES_PATH = '/quality/sources';

export interface EntryRef {
  id: string;
  code: string;
  name: string;
}

export interface Designation {
  id: string;
  jurisdictionPath: string;
  itemName: string;
  department: { id: string; name: string };
  entry: EntryRef;
  basis: string | null;
  status: 'active' | 'ended';
  designatedBy: string;
  designatedAt: string;
  endedAt: string | null;
  endReason: string | null;
}

export interface Candidate {
  entry: EntryRef;
  department: { id: string; name: string };
  items: { name: string; base: boolean; isKey: boolean }[];
}

export type DuplicateStatus = 'flagged' | 'use_source' | 'lawful';
export interface DuplicateFlag {
  id: string;
  number: string;
  status: DuplicateStatus;
  itemName: string;
  source: { id: string; departmentId: string; entry: EntryRef };
  entry: EntryRef & { status: string };
  department: { id: string };
  decisionNote: string | null;
  legalBasis: { kind: string; title: string; article: string } | null;
  decidedAt: string | null;
  createdAt: string;
  allowedActions: string[];
}

export type ConflictStatus = 'open' | 'referred' | 'resolved';
export interface Difference {
  key: string;
  item: string;
  sourceValue: string;
  otherValue: string;
}
export interface TimelineEvent {
  action: string;
  actor: { id: string | null; name: string };
  at: string;
  detail: unknown;
}
export interface Conflict {
  id: string;
  number: string;
  status: ConflictStatus;
  source: { departmentId: string; entry: EntryRef };
  other: { departmentId: string; entry: EntryRef };
  keyItem: string;
  items: string[];
  comparedCount: number;
  differenceCount: number;
  differences?: Difference[];
  wrongSide: 'source' | 'other' | null;
  verification: { id: string; number: string | null } | null;
  resolutionNote: string | null;
  createdAt: string;
  allowedActions: string[];
  timeline?: TimelineEvent[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const LEGAL_BASIS_KINDS = [
  'law',
  'regulation',
  'administrative_regulation',
  'rule',
  'central_policy',
  'policy',
  'other',
] as const;

const post = <T>(path: string, body: unknown) => api<T>(`${SOURCES_PATH}${path}`, { method: 'POST', body });

export const sourcesApi = {
  designate: (body: { itemName: string; departmentId: string; entryId: string; basis?: string }) =>
    post<Designation>('', body),
  end: (id: string, reason: string) => post<Designation>(`/designations/${id}/end`, { reason }),
  toSource: (id: string, note: string | undefined) =>
    post<DuplicateFlag>(`/duplicates/${id}/use-source`, note ? { note } : {}),
  lawful: (
    id: string,
    body: { reason: string; legalBasis: { kind: string; title: string; article: string } },
  ) => post<DuplicateFlag>(`/duplicates/${id}/lawful`, body),
  refer: (id: string, side: 'source' | 'other', note: string | undefined) =>
    post<Conflict>(`/conflicts/${id}/refer`, note ? { side, note } : { side }),
  resolve: (id: string, note: string) => post<Conflict>(`/conflicts/${id}/resolve`, { note }),
};
