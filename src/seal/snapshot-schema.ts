import type { SignatureAlgorithm } from '../platform/crypto/index.js';

/**
 * One data snapshot (数据快照 / 电子凭证, R107): what a key query of a document- or licence-type
 * resource returned, fixed at that moment. `content` is the signed text itself (canonical JSON);
 * the other columns repeat some of its fields for finding and scoping it.
 */
export interface DataSnapshotTable {
  id: string;
  case_number: string;
  kind: 'document' | 'licence';
  entry_id: string;
  entry_code: string;
  entry_name: string;
  requester_id: string;
  requester_name: string;
  requester_department_id: string;
  requester_department_name: string;
  requester_jurisdiction_path: string;
  purpose: string;
  grant_id: string;
  taken_at: string;
  record_count: number;
  content: string;
  digest: string;
  signature_algorithm: SignatureAlgorithm;
  key_id: string;
  signature: string;
}

export interface SnapshotTables {
  data_snapshot: DataSnapshotTable;
}
