import type { AuditTrail } from '../audit/index.js';
import type { CatalogService, ProviderLookup } from '../catalog/index.js';
import { isAllowed } from '../org/index.js';
import type { CalendarService, DeadlineService } from '../platform/calendar/index.js';
import {
  type CaseType as CaseDeclaration,
  CaseKernel,
  type CaseRole,
  type CaseRowBase,
  CaseRules,
  type CaseStepper,
  type CaseTimelineEntry,
} from '../platform/cases/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import type { DialectName } from '../platform/db/index.js';
import type { Profile } from '../platform/profiles/index.js';
import type { SharingDb } from './db.js';
import type { GrantService } from './grants.js';
import type { CaseEvent, CaseType } from './model.js';
import type { NoticeInput, NoticeService } from './notices.js';
import { type Parties, recordEvent, timeline } from './store.js';

/** The case kernel as the sharing cases run it: their timeline, the audit trail, the inbox. */
export type SharingCaseKernel = CaseKernel<RequestContext, NoticeInput>;

export function sharingCaseKernel(deps: {
  db: SharingDb;
  dialect: DialectName;
  clock: Clock;
  audit: AuditTrail;
  notices: NoticeService;
  /** The effective profile in force: a case keeps the one it was opened under (issue 13). */
  profile?: Profile;
}): SharingCaseKernel {
  return new CaseKernel<RequestContext, NoticeInput>({
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    timeline: (trx, entry) => recordEvent(trx, { ...entry, caseType: entry.caseType as CaseType }),
    audit: (trx, ctx, entry) => deps.audit.record(trx, ctx, entry),
    notify: (trx, notice) => deps.notices.send(trx, notice),
    history: (executor, caseType, caseId) =>
      timeline(executor, caseType as CaseType, caseId).then((events) =>
        events.map((e) => ({ caseType, caseId, ...e })),
      ),
    rules: deps.profile
      ? new CaseRules({ db: deps.db, clock: deps.clock, current: deps.profile })
      : undefined,
  });
}

/** What every sharing case service is built with; each adds the other modules it asks. */
export interface SharingCaseDeps {
  db: SharingDb;
  dialect: DialectName;
  audit: AuditTrail;
  clock: Clock;
  /** The jurisdiction profile: a case keeps the one it was opened under (issue 13). */
  profile: Profile;
  notices: NoticeService;
}

/** A sharing case type's steps bound to it (`kernel.stepper`), each answering the case's detail. */
export type SharingCaseStepper<Row, Status extends string, Action extends string, View> = CaseStepper<
  RequestContext,
  Actor,
  Row,
  Status,
  Action,
  NoticeInput,
  View
>;

/** A case's timeline as sharing's answers give it: each step without the case's type and id. */
export const caseEvents = (timeline: readonly CaseTimelineEntry[]): CaseEvent[] =>
  timeline.map(({ action, actor, at, detail }) => ({ action, actor, at, detail }));

/**
 * One case as its reader sees it, read through the kernel (`kernel.get`: not found alike for a
 * missing case and for one the reader may not read): presented, with its timeline and the steps
 * open to the reader now (the case type's, or `allowedActions` where the service narrows them).
 *
 * @example return caseDetail(this.#kernel, AgreementCase, actor, id, { present: (row) => this.#present(row) });
 */
export async function caseDetail<Row extends CaseRowBase, Action extends string, Case>(
  kernel: SharingCaseKernel,
  type: CaseDeclaration<Actor, Row, string, Action, string>,
  actor: Actor,
  id: string,
  view: { present: (row: Row) => Promise<Case>; allowedActions?: (row: Row) => Action[] },
): Promise<Case & { timeline: CaseEvent[]; allowedActions: Action[] }> {
  const { row, timeline, allowedActions } = await kernel.get(type, actor, id);
  return {
    ...(await view.present(row)),
    timeline: caseEvents(timeline),
    allowedActions: view.allowedActions?.(row) ?? allowedActions,
  };
}

/**
 * What a case service asks whose cases are about cataloged resources between departments, run
 * against statutory periods in working days and may end in a grant (applications, disputes and
 * demands, complaints).
 */
export interface SharingPeriodCaseDeps extends SharingCaseDeps {
  catalog: Pick<CatalogService, 'get'>;
  departments: ProviderLookup;
  calendar: Pick<CalendarService, 'calendar'>;
  deadlines: Pick<DeadlineService, 'set'>;
  grants: GrantService;
}

/** A role held through the department of one party of the case (or an office over its jurisdiction). */
export function partyRole<Row extends Parties>(
  side: 'consumer' | 'provider',
  permission: string,
): CaseRole<Actor, Row> {
  return {
    permission,
    holds: (actor, row) =>
      isAllowed(actor, permission, {
        departmentId: row[`${side}_department_id`],
        jurisdictionPath: row[`${side}_jurisdiction_path`],
      }),
  };
}

/** A role held only by the party's own department (not by an office over it): it acts for itself. */
export function ownPartyRole<Row extends Parties>(
  side: 'consumer' | 'provider',
  permission: string,
): CaseRole<Actor, Row> {
  return {
    permission,
    holds: (actor, row) => {
      const departmentId = row[`${side}_department_id`];
      return (
        actor.departmentId === departmentId &&
        isAllowed(actor, permission, { departmentId, jurisdictionPath: row[`${side}_jurisdiction_path`] })
      );
    },
  };
}

/** The competent authority over both parties: the office that coordinates, files or decides. */
export function authorityRole<Row extends Parties>(permission: string): CaseRole<Actor, Row> {
  return {
    permission,
    holds: (actor, row) =>
      isAllowed(actor, permission, {
        departmentId: row.consumer_department_id,
        jurisdictionPath: row.consumer_jurisdiction_path,
      }) &&
      isAllowed(actor, permission, {
        departmentId: row.provider_department_id,
        jurisdictionPath: row.provider_jurisdiction_path,
      }),
  };
}

/**
 * A notice about a case to one side of it: the consumer department, the provider's resource
 * administrators, or the authority over the provider; linked to the case's page.
 */
export function partyNotice(
  row: Parties & { id: string },
  kase: { type: CaseType; path: string },
  to: 'consumer' | 'provider' | 'authority',
  content: Omit<NoticeInput, 'to'>,
): NoticeInput {
  return {
    ...content,
    to:
      to === 'consumer'
        ? { departmentId: row.consumer_department_id }
        : to === 'provider'
          ? { departmentId: row.provider_department_id, role: 'resource_admin' }
          : { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path },
    link: `${kase.path}/${row.id}`,
    case: { type: kase.type, id: row.id },
  };
}
