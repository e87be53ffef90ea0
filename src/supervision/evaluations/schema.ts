/** An evaluation's life: drafted, reviewed by the authority, then published (frozen and sealed). */
export type EvaluationState = 'draft' | 'reviewed' | 'published';
/** A department report: open (being filled), submitted, accepted, or returned for changes. */
export type ReportState = 'open' | 'submitted' | 'accepted' | 'returned';

/** One evaluation of the departments of a jurisdiction's subtree for a period (R111, R115). */
export interface SupervisionEvaluationTable {
  id: string;
  jurisdiction_id: string;
  jurisdiction_name: string;
  jurisdiction_path: string;
  /** `2026`, `2026-H1`, `2026-H2`. */
  period: string;
  period_from: string;
  period_to: string;
  publication: 'public' | 'internal';
  state: EvaluationState;
  /** JSON: the scheme used, the jurisdiction's averages and one line per department. */
  content: string;
  /** SHA-256 (hex) of the published evaluation's canonical JSON; null before publication. */
  digest: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  published_at: string | null;
  published_by: string | null;
}

/** A department's self-report for a period (R112): figures pre-filled, sections written by it. */
export interface SupervisionDepartmentReportTable {
  id: string;
  department_id: string;
  department_name: string;
  jurisdiction_id: string;
  jurisdiction_path: string;
  period: string;
  period_from: string;
  period_to: string;
  due: string;
  state: ReportState;
  /** JSON: the department's indicator values over the period when the report opened. */
  figures: string;
  work: string;
  problems: string;
  plans: string;
  review_comment: string | null;
  reminded_at: string | null;
  overdue_noticed_at: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The timeline of evaluations and reports: who did what, when. */
export interface SupervisionEvaluationEventTable {
  id: string;
  subject_kind: 'evaluation' | 'report';
  subject_id: string;
  /** 1, 2, 3… per subject: the order of steps taken within one clock tick. */
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  note: string | null;
}

/** A department's sharing compliance report for an IT project (R116), frozen and sealed. */
export interface ComplianceReportTable {
  id: string;
  number: string;
  department_id: string;
  department_name: string;
  jurisdiction_path: string;
  project: string | null;
  period_from: string;
  period_to: string;
  /** The canonical JSON of the report's content (ComplianceContent). */
  content: string;
  /** SHA-256 (hex) of `content`. */
  digest: string;
  issued_at: string;
  issued_by: string;
}

export interface EvaluationTables {
  supervision_compliance_report: ComplianceReportTable;
  supervision_evaluation: SupervisionEvaluationTable;
  supervision_department_report: SupervisionDepartmentReportTable;
  supervision_evaluation_event: SupervisionEvaluationEventTable;
}
