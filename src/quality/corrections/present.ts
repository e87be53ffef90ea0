import { deadlineView, type WorkingCalendar } from '../../platform/calendar/index.js';
import type { AttachmentListed, CaseTimelineEntry } from '../../platform/cases/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import { CorrectionCase } from './case.js';
import type { StoredClaim } from './input.js';
import type { QualityCorrectionTable } from './schema.js';
import {
  type Correction,
  type CorrectionAction,
  type CorrectionDeadline,
  type CorrectionOutcome,
  OPEN_CORRECTION_STATUSES,
} from './schemas.js';

type Row = QualityCorrectionTable;

const DEADLINE_LABELS = {
  handling: { zh: '校核处理期限', en: 'Handling period' },
  providerCheck: { zh: '提供部门核查期限', en: 'Provider check period' },
} as const;

/** Whether the request is still open (its records marked, a period running). */
export const isOpen = (status: string): boolean =>
  (OPEN_CORRECTION_STATUSES as readonly string[]).includes(status);

/** The period of the request as its answer shows it: due date, article, countdown while open. */
export function deadlineOf(row: Row, calendar: WorkingCalendar, today: string): CorrectionDeadline | null {
  if (row.due_date === null) return null;
  const view = deadlineView(
    calendar,
    today,
    { dueDate: row.due_date, article: row.due_article },
    isOpen(row.status),
  );
  return {
    due: view.dueDate,
    dueDate: view.dueDate,
    provisional: view.provisional,
    article: view.article,
    overdue: isOpen(row.status) && today > row.due_date,
    workingDaysLeft: view.workingDaysLeft,
    label: DEADLINE_LABELS[row.deadline_kind],
    kind: row.deadline_kind,
  };
}

/** What the request came to, once closed. */
export function outcomeOf(row: Row): CorrectionOutcome | null {
  const kind = row.status;
  if (
    kind !== 'corrected' &&
    kind !== 'confirmed' &&
    kind !== 'rejected' &&
    kind !== 'resolved' &&
    kind !== 'withdrawn'
  )
    return null;
  return {
    kind,
    label: CorrectionCase.statuses[kind],
    note: row.decision_note,
    reason: row.decision_reason,
    firstSeq: row.first_seq === null ? null : Number(row.first_seq),
    lastSeq: row.last_seq === null ? null : Number(row.last_seq),
    itemsChanged: row.items_changed ? (JSON.parse(row.items_changed) as string[]) : [],
    readersNoticed: Number(row.readers_noticed),
    decidedAt: row.decided_at ?? row.updated_at,
    decidedBy: { id: row.decided_by ?? '', name: row.decided_by_name ?? '' },
  };
}

/** The claims as stored. */
export const claimsOf = (row: Row): StoredClaim[] => JSON.parse(row.records) as StoredClaim[];

/** The request as its answer gives it (`CorrectionSchema`). */
/** What the profile says of reporting an error and of serving the data meanwhile. */
export interface Provisions {
  report: { value: number | null; qualifier: string; article: string | null };
  serviceContinues: { value: boolean | null; article: string | null };
}

/**
 * 809 第二十六条: a consumer reports inaccurate data timely (及时, or the local period); R83: the
 * data is still served while the request is open (the exchange marks the records it names).
 */
export function provisionsOf(profile: Profile): Provisions {
  const report = profile.deadlines.correctionReport;
  const continuity = profile.correction.serviceContinuity;
  return {
    report: { value: report.value, qualifier: report.qualifier, article: report.article },
    serviceContinues: { value: continuity.value, article: continuity.article },
  };
}

export function presentCorrection(
  row: Row,
  view: {
    calendar: WorkingCalendar;
    today: string;
    timeline: readonly CaseTimelineEntry[];
    allowedActions: CorrectionAction[];
    attachments: AttachmentListed[];
    routingText: string;
    provisions: Provisions;
  },
): Correction {
  const deadline = deadlineOf(row, view.calendar, view.today);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    statusLabel: CorrectionCase.statuses[row.status],
    entry: { id: row.entry_id, name: row.entry_name, code: row.entry_code },
    consumer: { id: row.consumer_department_id, name: row.consumer_name },
    provider: { id: row.provider_department_id, name: row.provider_name },
    filedBy: { id: row.filed_by, name: row.filed_by_name },
    scope: row.scope,
    records: claimsOf(row).map((c) => ({
      key: c.key,
      items: c.items,
      problem: c.problem,
      proposed: c.proposed,
    })),
    description: row.description,
    attachments: view.attachments,
    deadline,
    routing: {
      channel: row.channel,
      article: row.channel_article,
      written: row.written === 1,
      text: view.routingText,
      ...view.provisions,
    },
    conflictId: row.conflict_id,
    outcome: outcomeOf(row),
    overdue: deadline?.overdue ?? false,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    timeline: view.timeline.map(({ action, actor, at, detail }) => ({ action, actor, at, detail })),
    allowedActions: view.allowedActions,
  };
}
