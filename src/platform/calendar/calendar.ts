import { addDays, type IsoDate, isWeekend, requireIsoDate, yearOf } from './dates.js';
import { CalendarErrors } from './errors.js';
import { chineseDaysYear, type HolidayNotice, noticeYear, rulesYear, type YearCalendar } from './sources.js';

/** A date computed from the calendar, with what it rests on. */
export interface CalendarResult {
  date: IsoDate;
  /** True when any year the computation touched was computed from the rules, not a notice. */
  provisional: boolean;
  /** The calendar data of each year used, e.g. `['chinese-days@1.5.7:2026', 'rules-2025:2027']`. */
  basis: string[];
}

export interface CountResult {
  count: number;
  provisional: boolean;
  basis: string[];
}

export type DeadlineUnit = 'working_days' | 'calendar_days';

/** Deadlines in the texts run to weeks, not decades; the bound keeps a typo from looping for years. */
export const MAX_DAYS = 3660;

/** Calendar-day deadlines rest on no holiday data. */
export const CALENDAR_DAYS_BASIS = 'calendar-days';

/**
 * The working-day calendar (R39): statutory holidays and make-up workdays (调休上班) from, in
 * order of precedence, a notice an operator loaded, the notices bundled in chinese-days, or the
 * statutory rules — the last marked provisional, never a silent Mon–Fri.
 *
 * @example
 * const calendar = new WorkingCalendar([]);
 * calendar.addWorkingDays('2025-09-26', 5); // { date: '2025-10-10', provisional: false, basis: [...] }
 */
export class WorkingCalendar {
  readonly #notices: Map<number, HolidayNotice>;
  readonly #years = new Map<number, YearCalendar>();

  constructor(notices: readonly HolidayNotice[]) {
    this.#notices = new Map(notices.map((n) => [n.year, n]));
  }

  /** The calendar data of a year; throws CALENDAR_YEAR_UNSUPPORTED when none can be had. */
  year(year: number): YearCalendar {
    let found = this.#years.get(year);
    if (!found) {
      const notice = this.#notices.get(year);
      found = notice ? noticeYear(notice) : (chineseDaysYear(year) ?? rulesYear(year));
      this.#years.set(year, found);
    }
    return found;
  }

  yearStatus(year: number): 'official' | 'provisional' {
    return this.year(year).status;
  }

  isWorkingDay(date: IsoDate): boolean {
    requireIsoDate(date);
    return this.#isWorkingDay(date);
  }

  /** The date `n` working days after `start`; the start day itself is not counted. */
  addWorkingDays(start: IsoDate, n: number): CalendarResult {
    requireIsoDate(start, 'start');
    requireDays(n);
    const used = new Set<YearCalendar>();
    let date = start;
    for (let left = n; left > 0; ) {
      date = addDays(date, 1);
      used.add(this.year(yearOf(date)));
      if (this.#isWorkingDay(date)) left--;
    }
    return { date, ...summarize(used) };
  }

  /** The date `n` calendar days after `start` (Guangzhou's "3日", Art.17). */
  addCalendarDays(start: IsoDate, n: number): CalendarResult {
    requireIsoDate(start, 'start');
    requireDays(n);
    return { date: addDays(start, n), provisional: false, basis: [CALENDAR_DAYS_BASIS] };
  }

  add(start: IsoDate, n: number, unit: DeadlineUnit): CalendarResult {
    return unit === 'working_days' ? this.addWorkingDays(start, n) : this.addCalendarDays(start, n);
  }

  /** Working days after `from` up to and including `to`: the inverse of `addWorkingDays`. */
  countWorkingDays(from: IsoDate, to: IsoDate): CountResult {
    requireIsoDate(from, 'from');
    requireIsoDate(to, 'to');
    if (from > to) throw CalendarErrors.error('CALENDAR_RANGE_INVALID', { from, to });
    const used = new Set<YearCalendar>();
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
      used.add(this.year(yearOf(date)));
      if (this.#isWorkingDay(date)) count++;
    }
    return { count, ...summarize(used) };
  }

  #isWorkingDay(date: IsoDate): boolean {
    const year = this.year(yearOf(date));
    if (year.workdays.has(date)) return true;
    return !year.holidays.has(date) && !isWeekend(date);
  }
}

function requireDays(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS) {
    throw CalendarErrors.error('CALENDAR_DAYS_INVALID', { value: n, max: MAX_DAYS });
  }
}

function summarize(used: Set<YearCalendar>): { provisional: boolean; basis: string[] } {
  const years = [...used].sort((a, b) => a.year - b.year);
  return { provisional: years.some((y) => y.status === 'provisional'), basis: years.map((y) => y.basis) };
}
