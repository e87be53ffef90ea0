/** How a download ended; `running` until its last byte left (or the reader went away). */
export const DOWNLOAD_STATUSES = ['running', 'complete', 'aborted', 'failed'] as const;
export type DownloadStatus = (typeof DOWNLOAD_STATUSES)[number];

/** One batch download and its manifest (rows, digest of the data lines, key range). */
export interface ExchangeDownloadTable {
  id: string;
  entry_id: string;
  resource_id: string;
  grant_id: string;
  consumer_department_id: string;
  actor_kind: string;
  actor_id: string;
  format: string;
  /** JSON array of the items delivered, in column order. */
  items: string;
  purpose: string;
  case_number: string | null;
  /** 1 when the reader received every key item unmasked: only then does it see raw keys. */
  keys_clear: number;
  after_key: string | null;
  last_key: string | null;
  rows: number;
  algorithm: string;
  digest: string | null;
  snapshot_seq: number;
  status: DownloadStatus;
  /** The sequence number of the download's access entry in the audit trail. */
  audit_seq: number | null;
  started_at: string;
  finished_at: string | null;
}

export interface GatewayTables {
  exchange_download: ExchangeDownloadTable;
}
