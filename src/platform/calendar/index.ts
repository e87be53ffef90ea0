import type { Clock } from '../clock/index.js';
import { DeadlineService } from './deadlines.js';
import { CalendarService } from './service.js';
import type { CalendarStorage } from './store.js';

export {
  CALENDAR_DAYS_BASIS,
  type CalendarResult,
  type CountResult,
  type DeadlineUnit,
  MAX_DAYS,
  WorkingCalendar,
} from './calendar.js';
export { chinaDate, type IsoDate, isIsoDate } from './dates.js';
export { type DeadlineView, deadlineView, workingDaysLeft } from './deadline-view.js';
export { type Deadline, type DeadlineInput, DeadlineService } from './deadlines.js';
export { CalendarErrors } from './errors.js';
export { calendarMigrations } from './migrations.js';
export { NOTICE_YEAR_RANGE, validateNotice } from './notice.js';
export { CalendarService, type CalendarYearSummary } from './service.js';
export {
  CHINESE_DAYS_VERSION,
  CHINESE_DAYS_YEARS,
  type HolidayNotice,
  RULES_YEAR_RANGE,
  type StatutoryHoliday,
  statutoryHolidays,
  type YearCalendar,
} from './sources.js';
export type { CalendarStorage, CalendarTables, Executor, StoredNotice } from './store.js';

/**
 * Wires the calendar and the deadlines kept on it: loading a notice recomputes the provisional
 * deadlines of its year.
 *
 * @example const { calendar, deadlines } = createCalendarServices({ storage, clock });
 */
export function createCalendarServices(deps: { storage: CalendarStorage; clock: Clock }): {
  calendar: CalendarService;
  deadlines: DeadlineService;
} {
  const deadlines = new DeadlineService(deps);
  return { calendar: new CalendarService({ ...deps, deadlines }), deadlines };
}
