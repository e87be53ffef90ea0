import type { Label } from '../../platform/messages/index.js';
import { AlertTexts } from './notices.js';
import type {
  AlertKind,
  AlertStatus,
  AlertSubjectKind,
  AlertSuspension,
  SupervisionAlertTable,
} from './schema.js';

/** An alert as the inbox shows it. */
export interface AlertView {
  id: string;
  kind: AlertKind;
  kindLabel: Label;
  subjectKindLabel: Label;
  subject: {
    kind: AlertSubjectKind;
    id: string;
    /** The account: username, or the client's public client_id. */
    name: string;
    /** The API client's name, where the subject is one. */
    label: string | null;
    departmentId: string | null;
    departmentName: string | null;
  };
  windowFrom: string;
  windowTo: string;
  /** One line of what the evidence says, in both languages. */
  summary: Label;
  /** Counts, baseline, thresholds and `sampleEntryIds`, as the detector recorded them. */
  evidence: { count: number; sampleEntryIds: string[] } & Record<string, unknown>;
  occurrences: number;
  status: AlertStatus;
  acknowledged: { by: { id: string; name: string }; at: string; note: string | null } | null;
  suspension: AlertSuspension;
  suspendedAt: string | null;
  lifted: { by: { id: string; name: string }; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** What the evidence of an alert of `kind` says, in one line. */
export function summaryOf(kind: AlertKind, evidence: Record<string, unknown>): Label {
  const count = num(evidence.count);
  switch (kind) {
    case 'volume': {
      const median = num(evidence.median);
      const ratio = median > 0 ? (count / median).toFixed(1) : '∞';
      const baseline = Array.isArray(evidence.baseline) ? evidence.baseline.length : 0;
      return AlertTexts.text('summary.volume', {
        count,
        median,
        ratio,
        days: baseline,
        minutes: num(evidence.windowMinutes),
      });
    }
    case 'off_hours':
      return AlertTexts.text('summary.off_hours', {
        count,
        when: AlertTexts.text(evidence.nonWorkingDay ? 'when.non_working_day' : 'when.off_hours'),
      });
    case 'enumeration':
      return AlertTexts.text('summary.enumeration', { count, minutes: num(evidence.windowMinutes) });
    case 'refusals':
      return AlertTexts.text('summary.refusals', { count, minutes: num(evidence.windowMinutes) });
  }
}

export function alertView(row: SupervisionAlertTable): AlertView {
  const evidence = JSON.parse(row.evidence) as AlertView['evidence'];
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: AlertTexts.text(row.kind),
    subjectKindLabel: AlertTexts.text(row.subject_kind),
    subject: {
      kind: row.subject_kind,
      id: row.subject_id,
      name: row.subject_name,
      label: row.subject_label,
      departmentId: row.department_id,
      departmentName: row.department_name,
    },
    windowFrom: row.window_from,
    windowTo: row.window_to,
    summary: summaryOf(row.kind, evidence),
    evidence,
    occurrences: Number(row.occurrences),
    status: row.status,
    acknowledged:
      row.acknowledged_at && row.acknowledged_by_id
        ? {
            by: { id: row.acknowledged_by_id, name: row.acknowledged_by_name ?? '' },
            at: row.acknowledged_at,
            note: row.acknowledged_note,
          }
        : null,
    suspension: row.suspension,
    suspendedAt: row.suspended_at,
    lifted:
      row.lifted_at && row.lifted_by_id
        ? { by: { id: row.lifted_by_id, name: row.lifted_by_name ?? '' }, at: row.lifted_at }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
