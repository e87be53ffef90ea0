import type { HostedColumn, ReadableResource } from '../model.js';
import type { ExchangeServiceTable, ServiceMethod, ServiceStatus } from './schema.js';

/** How the gateway calls a provider’s interface, as registered. */
export interface ServiceCallSettings {
  url: string;
  methods: ServiceMethod[];
  timeoutMs: number | null;
  maxBytes: number | null;
  fieldMap: Record<string, string>;
  passthrough: string[];
}

/** A registered service as the registry shows it: never the secret headers' values. */
export interface InterfaceService extends ServiceCallSettings {
  id: string;
  entryId: string;
  entryCode: string;
  entryName: string;
  /** The catalog version whose items the service's answers are filtered by. */
  entryVersion: number;
  providerDepartmentId: string;
  headerNames: string[];
  items: string[];
  specProvided: boolean;
  specUrl: string | null;
  /** Active and with a specification (R47): consumers can call it. */
  callable: boolean;
  status: ServiceStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  lastCalledAt: string | null;
  lastStatus: number | null;
  lastDurationMs: number | null;
}

export interface NewService {
  entryId: string;
  url: string;
  methods: ServiceMethod[];
  timeoutMs?: number | undefined;
  maxBytes?: number | undefined;
  fieldMap?: Record<string, string> | undefined;
  passthrough?: string[] | undefined;
  headers?: Record<string, string> | undefined;
  spec?: unknown;
  specUrl?: string | undefined;
}

/** A change to a registration; `null` clears an optional field, absent keeps it. */
export interface ServiceChange {
  url?: string | undefined;
  methods?: ServiceMethod[] | undefined;
  timeoutMs?: number | null | undefined;
  maxBytes?: number | null | undefined;
  fieldMap?: Record<string, string> | undefined;
  passthrough?: string[] | undefined;
  headers?: Record<string, string> | null | undefined;
  spec?: unknown;
  specUrl?: string | null | undefined;
}

/** A readable resource served by a provider's registered service (what the access check needs). */
export interface ServiceResource extends ReadableResource {
  service: ServiceCallSettings & {
    id: string;
    /** Sealed JSON of the provider's headers. */
    sealedHeaders: string | null;
    callable: boolean;
    disabled: boolean;
    specProvided: boolean;
  };
}

export function callable(row: Pick<ExchangeServiceTable, 'status' | 'spec' | 'spec_url'>): boolean {
  return row.status === 'active' && (row.spec !== null || row.spec_url !== null);
}

function callSettings(row: ExchangeServiceTable): ServiceCallSettings {
  return {
    url: row.url,
    methods: JSON.parse(row.methods) as ServiceMethod[],
    timeoutMs: row.timeout_ms,
    maxBytes: row.max_bytes === null ? null : Number(row.max_bytes),
    fieldMap: JSON.parse(row.field_map) as Record<string, string>,
    passthrough: JSON.parse(row.passthrough) as string[],
  };
}

export function toView(row: ExchangeServiceTable): InterfaceService {
  const columns = JSON.parse(row.columns) as HostedColumn[];
  return {
    id: row.id,
    entryId: row.entry_id,
    entryCode: row.entry_code,
    entryName: row.entry_name,
    entryVersion: row.entry_version,
    providerDepartmentId: row.provider_department_id,
    ...callSettings(row),
    headerNames: JSON.parse(row.header_names) as string[],
    items: columns.filter((c) => c.active).map((c) => c.item),
    specProvided: row.spec !== null || row.spec_url !== null,
    specUrl: row.spec_url,
    callable: callable(row),
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastCalledAt: row.last_called_at,
    lastStatus: row.last_status,
    lastDurationMs: row.last_duration_ms,
  };
}

export function toResource(row: ExchangeServiceTable): ServiceResource {
  return {
    entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name, version: row.entry_version },
    provider: { departmentId: row.provider_department_id, jurisdictionPath: row.provider_jurisdiction_path },
    // A disabled service is reported by the gateway itself; the access check sees it as suspended.
    status: row.status === 'active' ? 'active' : 'suspended',
    columns: JSON.parse(row.columns) as HostedColumn[],
    service: {
      id: row.id,
      ...callSettings(row),
      sealedHeaders: row.headers,
      callable: callable(row),
      disabled: row.status !== 'active',
      specProvided: row.spec !== null || row.spec_url !== null,
    },
  };
}

/** Audit detail of a registration: what was registered, the secret headers by name only. */
export function auditDetail(row: ExchangeServiceTable): Record<string, unknown> {
  return {
    entryId: row.entry_id,
    entryCode: row.entry_code,
    entryVersion: row.entry_version,
    url: row.url,
    methods: JSON.parse(row.methods),
    timeoutMs: row.timeout_ms,
    maxBytes: row.max_bytes,
    fieldMap: JSON.parse(row.field_map),
    passthrough: JSON.parse(row.passthrough),
    headerNames: JSON.parse(row.header_names),
    specProvided: row.spec !== null,
    specUrl: row.spec_url,
    status: row.status,
  };
}
