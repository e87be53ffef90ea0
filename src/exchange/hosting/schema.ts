/** Hosting's own tables (the hosted data itself lives in one `xr_<id>` table per resource). */
export const LOAD_STATUSES = ['running', 'done', 'rejected', 'failed', 'interrupted'] as const;
export type LoadStatus = (typeof LOAD_STATUSES)[number];

export const LOAD_FORMATS = ['csv', 'xlsx', 'ndjson'] as const;
export type LoadFormat = (typeof LOAD_FORMATS)[number];

export const BATCH_MODES = ['all_or_nothing', 'keep_good'] as const;
export type BatchMode = (typeof BATCH_MODES)[number];

/** One file upload into a hosted resource: who, when, how it went. */
export interface ExchangeLoadTable {
  id: string;
  resource_id: string;
  entry_id: string;
  provider_department_id: string;
  format: LoadFormat;
  mode: BatchMode;
  status: LoadStatus;
  total_bytes: number | null;
  bytes_read: number;
  rows_read: number;
  applied: number;
  unchanged: number;
  rejected: number;
  first_seq: number | null;
  last_seq: number | null;
  /** Path of the reject CSV under the exchange work directory, relative to it. */
  reject_file: string | null;
  error: string | null;
  created_by: string | null;
  created_by_name: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  /** The process running the load (`host/pid/instance`) and when it last made progress (issue 15). */
  runner: string | null;
  heartbeat_at: string | null;
  /** A CSV's character encoding (`utf-8`, `gb18030`) and whether it was `declared` or `detected` (issue 22). */
  encoding: string | null;
  encoding_source: string | null;
}

/** A hosted record's electronic seal (R106): `id` is `<resource id>:<record key>`. */
export interface ExchangeRecordSealTable {
  id: string;
  resource_id: string;
  record_key: string;
  /** The change that wrote the sealed values. */
  seq: number;
  /** The seal's JSON (`RecordSeal`). */
  seal: string;
}

export interface HostingTables {
  exchange_load: ExchangeLoadTable;
  exchange_record_seal: ExchangeRecordSealTable;
}
