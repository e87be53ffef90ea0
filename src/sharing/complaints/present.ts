import type { ProviderLookup } from '../../catalog/index.js';
import {
  type CalendarService,
  chinaDate,
  type DeadlineView,
  deadlineView,
  type WorkingCalendar,
} from '../../platform/calendar/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { SharingDb } from '../db.js';
import type { CaseEvent } from '../model.js';
import { DepartmentNames, SYSTEM_ACTOR } from '../store.js';
import { RECTIFICATION_ARTICLE } from './rectification.js';
import {
  type ComplaintAction,
  type ComplaintCaseKind,
  type ComplaintOutcome,
  type ComplaintStatus,
  FINDING_ARTICLE,
  type FinderRole,
  type MisuseKind,
  type SharingComplaintTable,
} from './schema.js';

export interface Complaint {
  id: string;
  number: string;
  kind: ComplaintCaseKind;
  /** N17: a misuse found by the authority or the provider itself (no complainant): who, and what. */
  finding: { by: FinderRole; misuse: MisuseKind[]; article: string } | null;
  complainant: { departmentId: string; name: string };
  respondent: { departmentId: string; name: string };
  subject: { type: string; id: string; label: string | null } | null;
  description: string;
  status: ComplaintStatus;
  filedBy: { id: string; name: string };
  deadline: DeadlineView | null;
  /** Why there is no due date: the profile's text (no profile sets a number). */
  deadlineNote: string | null;
  /** Unanswered past its due date. */
  overdue: boolean;
  basis: { article: string | null; text: string };
  investigatedAt: string | null;
  outcome: ComplaintOutcome | null;
  reply: string | null;
  answeredBy: { id: string; name: string } | null;
  answeredAt: string | null;
  suspendedGrants: string[];
  /** N17: the order that came with the suspension, its due date and the department's latest report. */
  rectification: {
    order: string;
    deadline: DeadlineView;
    report: string | null;
    reportedAt: string | null;
  } | null;
  /** N17: the grants were terminated: why, when, by whom (the platform's sweep when the date passed). */
  termination: { reason: string; at: string; by: { id: string | null; name: string } } | null;
  createdAt: string;
  updatedAt: string;
}

export interface ComplaintDetail extends Complaint {
  timeline: CaseEvent[];
  allowedActions: ComplaintAction[];
}

/** A complaint as its readers see it, with its deadline in working days and its timeline. */
export class ComplaintView {
  constructor(
    private readonly deps: {
      db: SharingDb;
      clock: Clock;
      profile: Profile;
      departments: ProviderLookup;
      calendar: Pick<CalendarService, 'calendar'>;
    },
  ) {}

  /** One complaint, as its detail shows it with its timeline and the reader's steps (`caseDetail`). */
  async present(row: SharingComplaintTable): Promise<Complaint> {
    const [complaint] = await this.list([row]);
    return complaint as Complaint;
  }

  async list(rows: SharingComplaintTable[], executor: Executor = this.deps.db): Promise<Complaint[]> {
    const names = new DepartmentNames(this.deps.departments, executor);
    const calendar = rows.some((r) => r.due_date || r.rectification_due_date)
      ? await this.deps.calendar.calendar(executor)
      : null;
    const today = chinaDate(this.deps.clock.now());
    const out: Complaint[] = [];
    for (const r of rows) out.push(await this.#one(r, names, today, calendar));
    return out;
  }

  async #one(
    r: SharingComplaintTable,
    names: DepartmentNames,
    today: string,
    calendar: WorkingCalendar | null,
  ): Promise<Complaint> {
    const feature = this.deps.profile.features.complaints;
    const open = r.status === 'received' || r.status === 'investigating';
    const due = r.due_date;
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      finding:
        r.found_by && r.misuse
          ? { by: r.found_by, misuse: JSON.parse(r.misuse) as MisuseKind[], article: FINDING_ARTICLE }
          : null,
      complainant: await names.department(r.complainant_department_id),
      respondent: await names.department(r.respondent_department_id),
      subject:
        r.subject_type && r.subject_id
          ? { type: r.subject_type, id: r.subject_id, label: r.subject_label }
          : null,
      description: r.description,
      status: r.status,
      filedBy: { id: r.filed_by, name: r.filed_by_name },
      deadline:
        due && calendar
          ? deadlineView(calendar, today, { dueDate: due, article: r.deadline_article }, open)
          : null,
      // A finding has no answer period: it opens answered, in rectification.
      deadlineNote: due || r.found_by ? null : feature.text,
      overdue: open && due !== null && today > due,
      basis: r.found_by
        ? { article: FINDING_ARTICLE, text: RECTIFICATION_ARTICLE }
        : { article: feature.article, text: feature.text },
      investigatedAt: r.investigated_at,
      outcome: r.outcome,
      reply: r.reply,
      answeredBy: r.answered_by ? { id: r.answered_by, name: r.answered_by_name ?? r.answered_by } : null,
      answeredAt: r.answered_at,
      suspendedGrants: JSON.parse(r.suspended_grants) as string[],
      rectification:
        r.rectification_order && r.rectification_due_date && calendar
          ? {
              order: r.rectification_order,
              // The countdown runs while the department rectifies or its report awaits review.
              deadline: deadlineView(
                calendar,
                today,
                { dueDate: r.rectification_due_date, article: r.rectification_article },
                r.status === 'rectifying' || r.status === 'rectification_reported',
              ),
              report: r.rectification_report,
              reportedAt: r.rectification_reported_at,
            }
          : null,
      termination:
        r.termination_reason && r.terminated_at
          ? {
              reason: r.termination_reason,
              at: r.terminated_at,
              by: { id: r.terminated_by, name: r.terminated_by_name ?? SYSTEM_ACTOR.name },
            }
          : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
