import { isWeekend, requireIsoDate, yearOf } from './dates.js';
import { CalendarErrors } from './errors.js';
import type { HolidayNotice } from './sources.js';

export const NOTICE_YEAR_RANGE = { min: 2000, max: 2100 } as const;

/**
 * Checks a State Council holiday notice before it becomes the calendar of its year, and returns
 * it with both lists sorted and free of repeats. Field paths name the request body.
 *
 * @example validateNotice({ year: 2027, holidays: ['2027-01-01'], workdays: [], source: '国办发明电〔2026〕X号' })
 */
export function validateNotice(input: HolidayNotice): HolidayNotice {
  const { year } = input;
  if (!Number.isInteger(year) || year < NOTICE_YEAR_RANGE.min || year > NOTICE_YEAR_RANGE.max) {
    throw CalendarErrors.error('CALENDAR_NOTICE_YEAR_INVALID', {
      field: '/body/year',
      year,
      ...NOTICE_YEAR_RANGE,
    });
  }
  const source = input.source.trim();
  if (!source) throw CalendarErrors.error('CALENDAR_NOTICE_SOURCE_MISSING', { field: '/body/source' });
  if (input.holidays.length === 0)
    throw CalendarErrors.error('CALENDAR_NOTICE_NO_HOLIDAYS', { field: '/body/holidays' });
  const check = (list: 'holidays' | 'workdays') =>
    input[list].forEach((date, i) => {
      const field = `/body/${list}/${i}`;
      requireIsoDate(date, field);
      if (yearOf(date) !== year)
        throw CalendarErrors.error('CALENDAR_NOTICE_DATE_OUTSIDE_YEAR', { field, date, year });
    });
  check('holidays');
  check('workdays');
  const holidays = new Set(input.holidays);
  input.workdays.forEach((date, i) => {
    const field = `/body/workdays/${i}`;
    if (holidays.has(date)) throw CalendarErrors.error('CALENDAR_NOTICE_DATE_IN_BOTH_LISTS', { field, date });
    // A make-up workday on a weekday changes nothing, so it is a typing error in the notice.
    if (!isWeekend(date)) throw CalendarErrors.error('CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND', { field, date });
  });
  return {
    year,
    holidays: [...holidays].sort(),
    workdays: [...new Set(input.workdays)].sort(),
    source,
  };
}
