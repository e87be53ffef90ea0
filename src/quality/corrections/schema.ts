import type { CorrectionScope, CorrectionStatus } from './schemas.js';

/**
 * A verification and correction request (校核申请): a consumer department's claim that records of
 * a hosted resource (or the resource as a whole) are inaccurate or incomplete, routed by the
 * profile to the provider or through the authority, answered within the profile's period.
 */
export interface QualityCorrectionTable {
  id: string;
  number: string;
  status: CorrectionStatus;
  entry_id: string;
  entry_code: string;
  entry_name: string;
  consumer_department_id: string;
  consumer_jurisdiction_path: string;
  consumer_name: string;
  provider_department_id: string;
  provider_jurisdiction_path: string;
  provider_name: string;
  scope: CorrectionScope;
  /** JSON array of the records named: key, items, problem, proposed. */
  records: string;
  description: string;
  /** `provider` or `authority` (the profile's `correction.channel`; not_specified reads provider). */
  channel: 'provider' | 'authority';
  channel_article: string | null;
  /** 1 where the profile wants the answer in writing (`correction.written`). */
  written: number;
  /** The conflict case (一数一源) that referred the request, where one did. */
  conflict_id: string | null;
  filed_by: string;
  filed_by_name: string;
  /** The period running: `handling` (provider or authority) or `providerCheck` (after forwarding). */
  deadline_kind: 'handling' | 'providerCheck';
  /** A copy of the deadline service's due date, for lists and the sweep; null where the profile sets none. */
  due_date: string | null;
  due_article: string | null;
  /** When the sweep flagged the request overdue (once per period). */
  overdue_at: string | null;
  /** Set while a `correct` writes its records: two correctors cannot both write. */
  claimed_at: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  /** The deciding person's department (the authority's, where it resolved the request itself). */
  decided_department_id: string | null;
  decided_at: string | null;
  decision_note: string | null;
  decision_reason: string | null;
  first_seq: number | null;
  last_seq: number | null;
  /** JSON array of the items the correction changed. */
  items_changed: string | null;
  readers_noticed: number;
  created_at: string;
  updated_at: string;
}

/** One record an open request names, by its canonical key (R83): what reads mark. */
export interface QualityCorrectionMarkTable {
  correction_id: string;
  entry_id: string;
  record_key: string;
}

/** A small file filed with a request, kept with its digest and media type. */
export interface QualityCorrectionAttachmentTable {
  id: string;
  correction_id: string;
  name: string;
  media_type: string;
  size: number;
  /** SHA-256 of the content, hex. */
  digest: string;
  /** The content, base64 (files are small: see ATTACHMENT_LIMITS). */
  content_base64: string;
  created_at: string;
}

export interface CorrectionTables {
  quality_correction: QualityCorrectionTable;
  quality_correction_mark: QualityCorrectionMarkTable;
  quality_correction_attachment: QualityCorrectionAttachmentTable;
}
