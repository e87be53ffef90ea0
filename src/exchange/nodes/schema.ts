/** A department's front-end exchange node (前置机), as its last heartbeat told it. */
export interface ExchangeNodeTable {
  id: string;
  department_id: string;
  department_name: string;
  jurisdiction_path: string;
  node_name: string;
  /** The API client (or user) that sent the last heartbeat. */
  reporter_id: string;
  version: string;
  started_at: string;
  /** `online` or `offline` as last recorded; reads judge by `last_heartbeat_at`. */
  status: string;
  last_heartbeat_at: string;
  last_error: string | null;
  /** JSON of the mappings' figures (`NodeMapping[]`). */
  mappings: string;
  registered_at: string;
  status_changed_at: string;
}

export interface NodeTables {
  exchange_node: ExchangeNodeTable;
}
