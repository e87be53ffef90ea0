import type { Kysely } from 'kysely';
import type { CalendarService, DeadlineService } from '../../platform/calendar/index.js';
import type { Breach } from '../../platform/cases/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { AuditRecorder } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { NoticeService, SharingCaseKernel } from '../../sharing/index.js';
import type { SourceKind, ViolationTables } from './schema.js';

/**
 * One record of another module that breaks an obligation (an application answered late, a stale
 * resource…), as that module's read method answers it: the daily job opens one case per record.
 */
export type SourceFact = Breach;

/** The other modules' read methods the daily job opens cases from, bound by the composition root. */
export type ViolationReaders = Record<SourceKind, (since: string) => Promise<SourceFact[]>>;

/** A department as a case names it. */
export type DepartmentLookup = (
  id: string,
  executor?: Executor,
) => Promise<{ id: string; name: string; jurisdictionPath: string } | undefined>;

/** What violation cases need beyond supervision's own handles, bound by the composition root. */
export interface ViolationPorts {
  /** The effective profile in force: categories and the rectification period. */
  profile: Profile;
  calendar: Pick<CalendarService, 'calendar'>;
  deadlines: Pick<DeadlineService, 'set'>;
  /** Sharing's case kernel: the timeline, the audit trail and the inbox every case uses. */
  cases: () => SharingCaseKernel;
  /** Sharing's inbox, for what is told outside a step (the overdue sweep). */
  notices: () => Pick<NoticeService, 'send'>;
  departments: DepartmentLookup;
  readers: ViolationReaders;
}

export interface ViolationDeps extends ViolationPorts {
  db: Kysely<ViolationTables>;
  clock: Clock;
  audit: AuditRecorder;
  log: Pick<Logger, 'info' | 'warn'>;
}
