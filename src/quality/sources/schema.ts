/**
 * One data, one source (一数一源, 809 第十九条, R76–R79): the registry of source departments, the
 * duplicate-collection flags and the conflict cases. Each table is this part's own.
 */

export const SOURCE_STATUSES = ['active', 'ended'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/**
 * A designation: in a jurisdiction, the data item (an information item's name, as the catalog
 * names it) comes from one department's resource. `active_key` is `<jurisdiction>|<item>` while
 * the designation is in force and null once ended: its unique index keeps one source per item
 * (R76) on both databases, whatever the race.
 */
export interface QualitySourceTable {
  id: string;
  jurisdiction_path: string;
  item_name: string;
  active_key: string | null;
  department_id: string;
  department_name: string;
  department_jurisdiction_path: string;
  entry_id: string;
  entry_code: string;
  entry_name: string;
  /** Why this department: the legal basis or duty the authority names (optional). */
  basis: string | null;
  status: SourceStatus;
  designated_by: string;
  designated_by_name: string;
  designated_at: string;
  ended_by: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

export const DUPLICATE_STATUSES = ['flagged', 'use_source', 'lawful'] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

/**
 * A duplicate collection (809 第四十条(一), R77): a department catalogs an item a designated
 * source already provides. One flag per designation × entry: the job and the designation
 * raise it at most once.
 */
export interface QualityDuplicateTable {
  id: string;
  number: string;
  status: DuplicateStatus;
  source_id: string;
  item_name: string;
  /** The designation's jurisdiction: the authority that decides the flag. */
  jurisdiction_path: string;
  source_department_id: string;
  source_entry_id: string;
  source_entry_code: string;
  source_entry_name: string;
  entry_id: string;
  entry_code: string;
  entry_name: string;
  /** The entry's state when flagged: published or submitted. */
  entry_status: string;
  department_id: string;
  department_jurisdiction_path: string;
  decision_note: string | null;
  /** JSON `LegalBasis` of a lawful second collection. */
  legal_basis: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export const CONFLICT_STATUSES = ['open', 'referred', 'resolved'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];
export const CONFLICT_SIDES = ['source', 'other'] as const;
export type ConflictSide = (typeof CONFLICT_SIDES)[number];

/**
 * A conflict (R78, R79): the comparison job found records whose equivalent items differ between
 * the source's hosted resource and another hosted resource sharing its key. The differing records
 * are kept (capped) with both values: personal data, read only by the parties and the authority.
 */
export interface QualityConflictTable {
  id: string;
  number: string;
  status: ConflictStatus;
  jurisdiction_path: string;
  source_department_id: string;
  source_jurisdiction_path: string;
  source_entry_id: string;
  source_entry_code: string;
  source_entry_name: string;
  other_department_id: string;
  other_jurisdiction_path: string;
  other_entry_id: string;
  other_entry_code: string;
  other_entry_name: string;
  key_item: string;
  /** JSON string[]: the items compared. */
  items: string;
  /** JSON `Difference[]`, at most `MAX_DIFFERENCES`. */
  differences: string;
  difference_count: number;
  compared_count: number;
  /** Digest of every difference: the same differences found again open no second case. */
  digest: string;
  wrong_side: ConflictSide | null;
  verification_id: string | null;
  verification_number: string | null;
  resolution_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * What the last comparison of a resource against a source found: the values both stated and how
 * many of them differ. Replaced at each run; a pair no longer compared is removed.
 */
export interface QualityAgreementTable {
  entry_id: string;
  source_entry_id: string;
  compared_values: number;
  differing_values: number;
  measured_at: string;
}

export interface SourceTables {
  quality_agreement: QualityAgreementTable;
  quality_source: QualitySourceTable;
  quality_source_duplicate: QualityDuplicateTable;
  quality_source_conflict: QualityConflictTable;
}
