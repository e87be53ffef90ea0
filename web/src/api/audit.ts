/** Shapes of the auditor views API (`/api/v1/audit/*`) as the portal uses them. */

export type AuditCategory = 'access' | 'decision' | 'auth' | 'admin';
export type AuditOutcome = 'success' | 'failure' | 'denied';
export type AccessMethod = 'query' | 'download' | 'interface' | 'subscription';
export const ACCESS_METHODS: AccessMethod[] = ['query', 'download', 'interface', 'subscription'];
export const AUDIT_CATEGORIES: AuditCategory[] = ['access', 'decision', 'auth', 'admin'];
export const AUDIT_OUTCOMES: AuditOutcome[] = ['success', 'failure', 'denied'];

export interface TraceEntry {
  seq: number;
  id: string;
  at: string;
  category: AuditCategory;
  actor: { kind: string; id: string | null; name: string | null };
  department: { id: string; name: string | null } | null;
  action: string;
  target: { type: string; id: string | null } | null;
  outcome: AuditOutcome;
  resourceId: string | null;
  items: string[] | null;
  method: AccessMethod | null;
  purpose: string | null;
  caseNumber: string | null;
  grantId: string | null;
  resultCount: number | null;
  recordKeys: unknown[] | null;
  detail: Record<string, unknown>;
  requestId: string | null;
  clientIp: string | null;
  prevHash: string;
  hash: string;
}

export interface TracePage {
  items: TraceEntry[];
  nextCursor: number | null;
}

/** Filters that may go in a URL; the ID number only ever goes in a POST body. */
export interface TraceFilter {
  departmentId?: string;
  resourceId?: string;
  actorId?: string;
  purpose?: string;
  caseNumber?: string;
  action?: string;
  category?: AuditCategory;
  outcome?: AuditOutcome;
  method?: AccessMethod;
  requestId?: string;
  from?: string;
  to?: string;
}

export interface Count {
  key: string | null;
  count: number;
}
export interface NamedCount extends Count {
  name: string | null;
}

export interface AccessBreakdown {
  accesses: number;
  records: number;
  failures: number;
  firstAt: string | null;
  lastAt: string | null;
  byResource: Count[];
  byMethod: Count[];
  byPurpose: Count[];
  byDay: Count[];
}

export interface DepartmentReport {
  department: { id: string; name: string };
  from: string;
  to: string;
  provided: AccessBreakdown & {
    resourceIds: string[];
    byConsumer: NamedCount[];
    byReader: {
      kind: string;
      id: string | null;
      name: string | null;
      departmentId: string | null;
      count: number;
    }[];
  };
  consumed: AccessBreakdown;
}

export interface PersonAccess {
  seq: number;
  at: string;
  actor: { kind: string; id: string | null; name: string | null };
  department: { id: string; name: string | null } | null;
  resourceId: string | null;
  method: AccessMethod | null;
  purpose: string | null;
  caseNumber: string | null;
  grantId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
}

export interface PersonReport {
  from: string | null;
  to: string | null;
  accesses: number;
  byDepartment: NamedCount[];
  items: PersonAccess[];
  truncated: boolean;
}

export interface Verification {
  ok: boolean;
  entriesChecked: number;
  checkpointsChecked: number;
  archivesChecked: number;
  headSeq: number;
  lastCheckpoint: { seq: number; at: string } | null;
  firstBreak?: { seq: number; kind: string; message: string };
}

export interface ChainStatus {
  at: string;
  headSeq: number;
  headAt: string | null;
  lastCheckpoint: { seq: number; at: string; ageSeconds: number; entriesSince: number } | null;
  lastVerification: (Verification & { at: string; by: string | null }) | null;
  archives: { count: number; lastToSeq: number | null; lastCreatedAt: string | null };
}

export interface MethodCounts {
  query: number;
  download: number;
  interface: number;
  subscription: number;
  total: number;
}

export type Anomaly = 'failure_rate' | 'volume_spike';

export interface DepartmentExchange {
  department: { id: string; name: string };
  last24h: MethodCounts;
  last7d: MethodCounts;
  failures24h: number;
  failures7d: number;
  baselineDailyMean: number;
  lastAccessAt: string | null;
  lastFailureAt: string | null;
  anomalies: Anomaly[];
}

export interface ExchangeStatus {
  at: string;
  rule: {
    failureShare: number;
    minAccessesForRate: number;
    spikeFactor: number;
    minAccessesForSpike: number;
  };
  departments: DepartmentExchange[];
}

/** The export URL for the filters (a plain link: the browser downloads with the session cookie). */
export function exportUrl(format: 'csv' | 'xlsx', filter: TraceFilter): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  return `/api/v1/audit/export?${params.toString()}`;
}
