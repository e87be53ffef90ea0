import type { AccessMethod, AuditCategory, AuditOutcome } from '../platform/context/index.js';

export type { AccessMethod, AuditCategory, AuditOutcome } from '../platform/context/index.js';

/**
 * The platform's one trace. Entries form a hash chain in `seq` order: `hash` = H(prev_hash ‖
 * canonical form of the entry). On PostgreSQL the table is partitioned by `month` (yyyymm of
 * `at`) so that retention drops whole partitions.
 */
export interface AuditEntryTable {
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  id: string;
  at: string;
  /** yyyymm of `at`: the partition key. */
  month: number;
  category: AuditCategory;
  /** user | client | system */
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  department_id: string | null;
  /** What happened, as a dotted action name (`auth.login`, `catalog.ratify`, `exchange.query`). */
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  /** Access entries: the cataloged resource read, the items, method, purpose, case and grant. */
  resource_id: string | null;
  /** JSON array of information item names, or null. */
  items: string | null;
  method: AccessMethod | null;
  purpose: string | null;
  case_number: string | null;
  grant_id: string | null;
  /** Number of records returned. */
  result_count: number | null;
  /** JSON array of record keys; personal identifiers appear only as keyed digests. */
  record_keys: string | null;
  /** JSON object with what else an auditor needs (changed fields, reasons); never secrets. */
  detail: string;
  request_id: string | null;
  client_ip: string | null;
  /** Hex digests of the chain: the previous entry's hash (or the genesis/archive link) and this one's. */
  prev_hash: string;
  hash: string;
}

/** One row per (entry, personal record key): answers "who read this person's record" by index. */
export interface AuditSubjectTable {
  /** Keyed digest (HMAC) of the normalised identifier. */
  key_digest: string;
  seq: number;
  month: number;
}

/** A signed statement of the chain head: "entry `seq` has hash `hash`". */
export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  at: string;
  /** sm3 | sha256 */
  hash_algorithm: string;
  /** sm2 | ed25519 */
  signature_algorithm: string;
  key_id: string;
  /** Base64 DER signature over the checkpoint statement. */
  signature: string;
}

/** A sealed archive file of entries removed from the live store by retention. */
export interface AuditArchiveTable {
  id: string;
  from_seq: number;
  to_seq: number;
  from_at: string;
  to_at: string;
  /** The hash the first archived entry links to, and the last archived entry's hash. */
  prev_hash: string;
  last_hash: string;
  /** Path relative to the data directory. */
  file: string;
  file_digest: string;
  /** JSON manifest, and its signature by the platform key. */
  manifest: string;
  signature: string;
  created_at: string;
}

/**
 * The chain head, one row (id 1): the last entry's seq and hash and the last checkpoint. Appends
 * read and move it under the chain lock, so every node continues the same chain, and a deleted
 * tail shows as a head pointing past the last entry.
 */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** The last entry's `at`: entries take max(now, head.at) so `at` never decreases along the chain. */
  at: string;
  checkpoint_seq: number;
  /** Empty until the first checkpoint. */
  checkpoint_at: string;
}

export interface AuditTables {
  audit_entry: AuditEntryTable;
  audit_subject: AuditSubjectTable;
  audit_checkpoint: AuditCheckpointTable;
  audit_archive: AuditArchiveTable;
  audit_head: AuditHeadTable;
}
