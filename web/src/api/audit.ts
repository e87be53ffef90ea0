/**
 * Shapes of the auditor views API (`/api/v1/audit/*`), read off the contract (`contract.ts`).
 */
import type { BodyOf, ResponseOf } from './contract.ts';

export type TracePage = ResponseOf<'/audit/entries'>;
export type TraceEntry = TracePage['items'][number];

export type DepartmentReport = ResponseOf<`/audit/reports/department/${string}`>;
export type AccessBreakdown = DepartmentReport['consumed'];
export type Count = AccessBreakdown['byMethod'][number];
export type PersonReport = ResponseOf<'/audit/reports/person', 'POST'>;
export type PersonAccess = PersonReport['items'][number];

export type Verification = ResponseOf<'/audit/verify', 'POST'>;

export type ExchangeStatus = ResponseOf<'/audit/exchange-status'>;
export type DepartmentExchange = ExchangeStatus['departments'][number];
export type MethodCounts = DepartmentExchange['last24h'];

/** What an auditor searches the trace by, the ID number included. */
type SearchFilter = BodyOf<'/audit/entries/search', 'POST'>;
export type AccessMethod = NonNullable<SearchFilter['method']>;
export type AuditCategory = NonNullable<SearchFilter['category']>;
export type AuditOutcome = NonNullable<SearchFilter['outcome']>;

export const ACCESS_METHODS: AccessMethod[] = ['query', 'download', 'interface', 'subscription'];
export const AUDIT_CATEGORIES: AuditCategory[] = ['access', 'decision', 'auth', 'admin'];
export const AUDIT_OUTCOMES: AuditOutcome[] = ['success', 'failure', 'denied'];

// A trail entry's category, outcome and method are text in the contract: the trail keeps what was
// written, so a value the portal does not know is shown as it is rather than refused.
export const isAccessMethod = (value: string | null): value is AccessMethod =>
  ACCESS_METHODS.some((m) => m === value);
export const isAuditCategory = (value: string): value is AuditCategory =>
  AUDIT_CATEGORIES.some((c) => c === value);
export const isAuditOutcome = (value: string): value is AuditOutcome =>
  AUDIT_OUTCOMES.some((o) => o === value);

/** Filters that may go in a URL; the ID number only ever goes in a POST body. */
export type TraceFilter = Omit<SearchFilter, 'idNumber' | 'limit' | 'before'>;

/** The export URL for the filters (a plain link: the browser downloads with the session cookie). */
export function exportUrl(format: 'csv' | 'xlsx', filter: TraceFilter): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  return `/api/v1/audit/export?${params.toString()}`;
}
