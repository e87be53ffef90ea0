import type { ProviderLookup } from '../catalog/index.js';
import { chinaDate, deadlineView, type WorkingCalendar } from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Executor } from '../platform/db/index.js';
import type { Profile } from '../platform/profiles/index.js';
import type { AccessMethod, Application, Scope } from './model.js';
import type { SharingApplicationTable } from './schema.js';
import { stopsOn } from './stops/guard.js';
import { DepartmentNames } from './store.js';

/** What presenting an application reads: the clock, the department names and the profile in force. */
export interface ApplicationPresentDeps {
  clock: Clock;
  departments: ProviderLookup;
  profile: Profile;
}

/** Why an application has no due date: the text of the period that would apply to it. */
export function periodText(profile: Profile, row: SharingApplicationTable): string {
  const { reply, replyUnconditional } = profile.deadlines;
  return row.share_type === 'unconditional' && replyUnconditional ? replyUnconditional.text : reply.text;
}

/**
 * Applications as their readers see them (`ApplicationService.get` and `list`): the parties by
 * name, the deadline with its countdown while the case waits for an answer, the text of the
 * period where it has no due date, and any stop on the entry.
 */
export async function presentApplications(
  deps: ApplicationPresentDeps,
  executor: Executor,
  rows: SharingApplicationTable[],
  calendar: WorkingCalendar,
): Promise<Application[]> {
  const today = chinaDate(deps.clock.now());
  const names = new DepartmentNames(deps.departments, executor);
  const stops = await stopsOn(
    executor,
    rows.map((r) => r.entry_id),
    today,
  );
  const out: Application[] = [];
  for (const r of rows) {
    const due = r.due_date;
    out.push({
      id: r.id,
      number: r.number,
      consumer: await names.department(r.consumer_department_id),
      applicant: { id: r.applicant_id, name: r.applicant_name },
      provider: await names.department(r.provider_department_id),
      entry: { id: r.entry_id, code: r.entry_code, name: r.entry_name, version: r.entry_version },
      shareType: r.share_type,
      path: r.path,
      items: JSON.parse(r.items) as string[],
      purpose: r.purpose,
      purposeText: r.purpose_text,
      legalDuty: r.legal_duty,
      scenario: r.scenario,
      scope: JSON.parse(r.scope) as Scope,
      methods: JSON.parse(r.methods) as AccessMethod[],
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      status: r.status,
      // A decided case keeps its due date and article but shows no countdown.
      deadline: due
        ? deadlineView(
            calendar,
            today,
            { dueDate: due, article: r.deadline_article },
            r.status === 'pending' || r.status === 'answer_review',
          )
        : null,
      deadlineNote: !due && r.path === 'application' ? periodText(deps.profile, r) : null,
      overdue: r.overdue === 1,
      decidedItems: r.decided_items ? (JSON.parse(r.decided_items) as string[]) : null,
      refusalReason: r.refusal_reason,
      decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? r.decided_by } : null,
      decidedAt: r.decided_at,
      decidedLate: r.decided_late === 1,
      grantId: r.grant_id,
      stop: stops.get(r.entry_id) ?? null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }
  return out;
}
