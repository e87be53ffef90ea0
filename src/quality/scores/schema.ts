/**
 * Quality scores (issue 16): the running state of each hosted resource's checks, the records that
 * break a rule, and a score per resource per day.
 */

/** Per resource: how far the change log has been checked, and the counts per item (JSON). */
export interface QualityScoreStateTable {
  entry_id: string;
  provider_department_id: string;
  provider_jurisdiction_path: string;
  /** The last change-log sequence number whose records are counted. */
  checked_seq: number;
  /** `{ "<column>": { "item": name, "empty": n, "invalid": n } }` over the records counted. */
  counts: string;
  rows: number;
  /** When the last full scan ran; null before the first. */
  scanned_at: string | null;
  updated_at: string;
  /** 0–100, as the last day's figures recorded it (the order of a list); null before or when unmeasured. */
  score: number | null;
}

/** One record that breaks a rule: which columns are empty, which invalid (comma-separated `cN`). */
export interface QualityScoreFlagTable {
  entry_id: string;
  record_key: string;
  empty: string;
  invalid: string;
}

/** A resource's scores on one day (China time), the last computed that day. */
export interface QualityScoreDayTable {
  entry_id: string;
  day: string;
  provider_department_id: string;
  provider_jurisdiction_path: string;
  rows: number;
  /** Shares in [0, 1]; null where the dimension has nothing to measure. */
  completeness: number | null;
  validity: number | null;
  /** Agreement with the source of record (一数一源): null until a comparison has measured it. */
  agreement: number | null;
  /** 0–100: the mean of the measured dimensions. */
  score: number | null;
}

export interface ScoreTables {
  quality_score_state: QualityScoreStateTable;
  quality_score_flag: QualityScoreFlagTable;
  quality_score_day: QualityScoreDayTable;
}
