import type { AuditTrail } from '../audit/index.js';
import type { CatalogService, ProviderLookup } from '../catalog/service.js';
import type { CalendarService, DeadlineService } from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { DialectName, Executor } from '../platform/db/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { ApplicationService } from './applications.js';
import { GrantService } from './grants.js';
import { NoticeService } from './notices.js';
import { SharingScheduler } from './scheduler.js';

export { accessDecision, replyPeriod } from './access-flow.js';
export { type ApplicationDetail, ApplicationService, REPLY_SUBJECT } from './applications.js';
export { SharingErrors } from './errors.js';
export { type AccessAnswer, type AccessQuestion, GrantService } from './grants.js';
export { sharingMigrations } from './migrations.js';
export * from './model.js';
export { type Notice, type NoticeInput, NoticeService, type Recipient } from './notices.js';
export { SharingActions } from './policies.js';
export { sharingRoutes } from './routes/index.js';
export { SharingScheduler, type SweepResult } from './scheduler.js';
export type { SharingTables } from './schema.js';

export interface SharingServices {
  applications: ApplicationService;
  grants: GrantService;
  notices: NoticeService;
  scheduler: SharingScheduler;
}

/**
 * Wires the sharing workflow: notices first (every step tells someone), grants, then the
 * applications that create them, and the scheduler that watches their deadlines.
 *
 * @example const sharing = createSharingServices({ db, dialect, audit, clock, profile, catalog, departments, calendar, deadlines });
 */
export function createSharingServices(deps: {
  db: Executor;
  dialect: DialectName;
  audit: AuditTrail;
  clock: Clock;
  profile: Profile;
  catalog: Pick<CatalogService, 'get'>;
  departments: ProviderLookup;
  calendar: Pick<CalendarService, 'calendar'>;
  deadlines: Pick<DeadlineService, 'set'>;
  reminderWorkingDays?: number;
}): SharingServices {
  const notices = new NoticeService({ db: deps.db, clock: deps.clock });
  const grants = new GrantService({ ...deps, notices });
  const applications = new ApplicationService({ ...deps, grants, notices });
  const scheduler = new SharingScheduler({ ...deps, notices });
  return { applications, grants, notices, scheduler };
}
