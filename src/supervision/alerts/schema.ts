/** What a detector found (issue 17, R65): each kind is one pattern of the access trail. */
export const ALERT_KINDS = ['volume', 'off_hours', 'enumeration', 'refusals'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Whom an alert is about: a person (user) or a department system (API client). */
export type AlertSubjectKind = 'user' | 'client';

export type AlertStatus = 'open' | 'acknowledged';

/** Whether the alert stopped its API client: never, still, or lifted by a person. */
export type AlertSuspension = 'none' | 'suspended' | 'lifted';

/**
 * One alert on the access trail: one subject, one kind; while open, a continuing pattern updates
 * it (window, evidence, occurrences) instead of raising another.
 */
export interface SupervisionAlertTable {
  id: string;
  kind: AlertKind;
  subject_kind: AlertSubjectKind;
  subject_id: string;
  /** The account (username or client_id), and the client's name where it is one. */
  subject_name: string;
  subject_label: string | null;
  department_id: string | null;
  department_name: string | null;
  /** The department's jurisdiction path: the authority over it reads the alert. */
  jurisdiction_path: string;
  /** The accesses the evidence counts, `[window_from, window_to)`, ISO instants. */
  window_from: string;
  window_to: string;
  /** JSON: counts, baseline, thresholds, sample audit entry ids. */
  evidence: string;
  occurrences: number;
  status: AlertStatus;
  acknowledged_by_id: string | null;
  acknowledged_by_name: string | null;
  acknowledged_at: string | null;
  acknowledged_note: string | null;
  suspension: AlertSuspension;
  suspended_at: string | null;
  lifted_by_id: string | null;
  lifted_by_name: string | null;
  lifted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertTables {
  supervision_alert: SupervisionAlertTable;
}
