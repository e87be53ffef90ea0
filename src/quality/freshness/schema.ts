/** Where a resource stands against its update rule: `unknown` where no rule can judge it (cycle `other`). */
export const FRESHNESS_STATUSES = ['fresh', 'due', 'late', 'unknown'] as const;
export type FreshnessStatus = (typeof FRESHNESS_STATUSES)[number];

/** What last showed the data current: a change, a caught-up front-end node, a service answer, or nothing yet. */
export const EVIDENCE_SOURCES = ['change_log', 'node', 'service', 'none'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const RESTRICTION_STATUSES = ['active', 'lifted'] as const;
export type RestrictionStatus = (typeof RESTRICTION_STATUSES)[number];

/** One monitored resource (a published entry the platform hosts or serves), as the last check left it. */
export interface QualityFreshnessTable {
  entry_id: string;
  entry_code: string;
  entry_name: string;
  provider_department_id: string;
  provider_department_name: string;
  provider_jurisdiction_path: string;
  /** The catalog's declared 更新周期. */
  update_cycle: string;
  /** JSON of `FreshnessRule`: the rule applied, with its article. */
  rule: string;
  last_change_at: string | null;
  last_change_source: EvidenceSource;
  due_by: string | null;
  status: FreshnessStatus;
  status_since: string;
  checked_at: string;
}

/** The history of a resource's status: one row per transition, the first check included. */
export interface QualityFreshnessTransitionTable {
  id: string;
  entry_id: string;
  provider_department_id: string;
  from_status: FreshnessStatus | null;
  to_status: FreshnessStatus;
  at: string;
  /** `first_check`, `updated`, `deadline_near`, `deadline_passed`, `new_period`, `rule_changed`. */
  reason: string;
  last_change_at: string | null;
  due_by: string | null;
  rule_article: string | null;
}

/** R71: the authority's restriction of a late department's new applications. */
export interface QualityFreshnessRestrictionTable {
  id: string;
  department_id: string;
  department_name: string;
  jurisdiction_path: string;
  status: RestrictionStatus;
  reason: string;
  /** JSON of the late entries (`{ id, code, name }[]`) when it was imposed. */
  late_entries: string;
  article: string | null;
  created_at: string;
  created_by: string;
  created_by_name: string;
  lifted_at: string | null;
  lifted_by: string | null;
  lifted_by_name: string | null;
  /** `authority` (lifted by hand) or `caught_up` (the monitor found no late resource left). */
  lift_kind: string | null;
  lift_note: string | null;
}

export interface FreshnessTables {
  quality_freshness: QualityFreshnessTable;
  quality_freshness_transition: QualityFreshnessTransitionTable;
  quality_freshness_restriction: QualityFreshnessRestrictionTable;
}
