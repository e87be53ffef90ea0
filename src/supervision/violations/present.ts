import { deadlineView, type WorkingCalendar } from '../../platform/calendar/index.js';
import type { AttachmentListed, CaseTimelineEntry, GoverningProfile } from '../../platform/cases/index.js';
import { ViolationCase } from './case.js';
import type { SupervisionCircularTable, SupervisionViolationTable, ViolationAction } from './schema.js';
import type { Violation } from './schemas.js';

type Row = SupervisionViolationTable;

/** Whether the order's due date has passed without a report (China dates). */
export const isOverdue = (row: Pick<Row, 'status' | 'due_date'>, today: string): boolean =>
  row.status === 'ordered' && row.due_date !== null && row.due_date < today;

export interface PresentContext {
  calendar: WorkingCalendar;
  today: string;
  timeline: readonly CaseTimelineEntry[];
  allowedActions: ViolationAction[];
  attachments: AttachmentListed[];
  circulars: readonly Pick<SupervisionCircularTable, 'id' | 'number' | 'title' | 'digest' | 'published_at'>[];
  rules?: GoverningProfile | null;
}

/** A case as its reader sees it: the row in the API's words, its deadline while the order runs. */
export function presentViolation(row: Row, view: PresentContext): Violation {
  const deadline =
    row.due_date === null
      ? undefined
      : deadlineView(
          view.calendar,
          view.today,
          { dueDate: row.due_date, article: row.due_article },
          row.status === 'ordered',
        );
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    statusLabel: ViolationCase.statuses[row.status],
    category: {
      code: row.category_code,
      party: row.category_party,
      label: { zh: row.category_zh, en: row.category_en },
      article: row.category_article,
      source: row.category_source,
    },
    respondent: { departmentId: row.respondent_department_id, name: row.respondent_name },
    facts: row.facts,
    source:
      row.source_kind && row.source_id
        ? { kind: row.source_kind, id: row.source_id, ref: row.source_ref }
        : null,
    openedBy: row.opened_by_name,
    order:
      row.order_text !== null && row.ordered_at !== null
        ? { text: row.order_text, orderedAt: row.ordered_at, count: Number(row.order_count) }
        : null,
    ...(deadline ? { deadline } : {}),
    dueDate: row.due_date,
    overdue: isOverdue(row, view.today),
    report:
      row.report_text !== null && row.reported_at !== null
        ? { text: row.report_text, reportedAt: row.reported_at, by: row.reported_by_name ?? '' }
        : null,
    decision:
      row.decision_text !== null && row.decided_at !== null
        ? { text: row.decision_text, decidedAt: row.decided_at, by: row.decided_by_name ?? '' }
        : null,
    attachments: view.attachments.map((a) => ({ ...a, uploadedBy: a.uploadedBy ?? '' })),
    circulars: view.circulars.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      digest: c.digest,
      publishedAt: c.published_at,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    timeline: view.timeline.map(({ action, actor, at, detail }) => ({ action, actor, at, detail })),
    allowedActions: view.allowedActions,
    ...(view.rules === undefined ? {} : { rules: view.rules }),
  };
}
