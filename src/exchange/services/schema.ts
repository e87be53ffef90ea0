import type { ServedEntryRow } from '../model.js';

/** Whether consumers can call a registered service: the provider may stop it without losing it. */
export const SERVICE_STATUSES = ['active', 'disabled'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const SERVICE_METHODS = ['GET', 'POST'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/**
 * A provider's registered interface service (R47), one per catalog entry. `columns` (JSON of
 * `HostedColumn[]`) is the entry's items as of `entry_version`, taken when the service was
 * registered or last updated; `headers` is the sealed JSON of the provider's secret headers.
 */
export interface ExchangeServiceTable extends ServedEntryRow {
  columns: string;
  url: string;
  /** JSON array of `ServiceMethod`. */
  methods: string;
  timeout_ms: number | null;
  max_bytes: number | null;
  /** JSON object: response field name → item name. */
  field_map: string;
  /** JSON array of response field names passed unfiltered (scalars only). */
  passthrough: string;
  /** `SecretBox.seal` of the JSON object header name → value, or null. */
  headers: string | null;
  /** JSON array of the sealed headers' names: what a reader of the registry may see. */
  header_names: string;
  /** The OpenAPI document (JSON text), or null. */
  spec: string | null;
  spec_url: string | null;
  status: ServiceStatus;
  status_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  /** The last call's time, delivered status and duration: the registry's health column. */
  last_called_at: string | null;
  last_status: number | null;
  last_duration_ms: number | null;
}

export interface ServiceTables {
  exchange_service: ExchangeServiceTable;
}
