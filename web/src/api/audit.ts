/**
 * Shapes of the auditor views API (`/api/v1/audit/*`): the server's own types, imported as types
 * only so nothing of the server is bundled.
 */
import type { TraceFilter as ServerTraceFilter } from '../../../src/audit/query-filter.ts';
import type { AccessMethod, AuditCategory, AuditOutcome } from '../../../src/audit/schema.ts';

export type { TraceEntry, TracePage } from '../../../src/audit/query.ts';
export type {
  AccessBreakdown,
  DepartmentAccessReport as DepartmentReport,
  NamedCount,
  PersonAccess,
  PersonAccessReport as PersonReport,
} from '../../../src/audit/report.ts';
export type { ChainStatus, Verification } from '../../../src/audit/report-chain.ts';
export type {
  Anomaly,
  DepartmentExchange,
  ExchangeStatus,
  MethodCounts,
} from '../../../src/audit/report-exchange.ts';
export type { Count } from '../../../src/audit/report-sql.ts';
export type { AccessMethod, AuditCategory, AuditOutcome };

export const ACCESS_METHODS: AccessMethod[] = ['query', 'download', 'interface', 'subscription'];
export const AUDIT_CATEGORIES: AuditCategory[] = ['access', 'decision', 'auth', 'admin'];
export const AUDIT_OUTCOMES: AuditOutcome[] = ['success', 'failure', 'denied'];

/** Filters that may go in a URL; the ID number only ever goes in a POST body. */
export type TraceFilter = Omit<ServerTraceFilter, 'idNumber'>;

/** The export URL for the filters (a plain link: the browser downloads with the session cookie). */
export function exportUrl(format: 'csv' | 'xlsx', filter: TraceFilter): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  return `/api/v1/audit/export?${params.toString()}`;
}
