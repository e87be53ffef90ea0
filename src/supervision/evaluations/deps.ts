import type { CalendarService } from '../../platform/calendar/index.js';
import type { DialectName, Executor } from '../../platform/db/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { NoticeInput } from '../../sharing/index.js';

/** What evaluations and department reports need beyond the indicators' dependencies. */
export interface EvaluationDeps {
  /** Row locks for changes (PostgreSQL `FOR UPDATE`). */
  dialect: DialectName;
  /** The effective profile in force: the evaluation scheme and the report cadence. */
  profile: Profile;
  /** Working days for the reminder before a report's due date. */
  calendar: Pick<CalendarService, 'calendar'>;
  /** The inbox (sharing's notices), joined to the caller's transaction. */
  notices: { send(trx: Executor, input: NoticeInput): Promise<string> };
}
