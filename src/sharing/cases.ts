import type { AuditTrail } from '../audit/index.js';
import { isAllowed } from '../org/index.js';
import { CaseKernel, type CaseRole, CaseRules } from '../platform/cases/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import type { DialectName } from '../platform/db/index.js';
import type { Profile } from '../platform/profiles/index.js';
import type { SharingDb } from './db.js';
import type { CaseType } from './model.js';
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
