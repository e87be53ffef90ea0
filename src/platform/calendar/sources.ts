import { createRequire } from 'node:module';
// chinese-days is CommonJS without named ESM exports: only its default import works under Node.
import chineseDays from 'chinese-days';

import { addDays, type IsoDate, isWeekend, yearOf } from './dates.js';
import { CalendarErrors } from './errors.js';

/** One year of the working-day calendar and where it came from. */
export interface YearCalendar {
  year: number;
  /** official: a State Council notice (bundled or loaded); provisional: computed from the rules. */
  status: 'official' | 'provisional';
  /** Names the data, stored with every deadline it computes: `notice:2027`, `rules-2025:2027`… */
  basis: string;
  /** Human-readable origin, e.g. the notice number. */
  source: string;
  /** Days off, weekends included where a notice lists them. */
  holidays: ReadonlySet<IsoDate>;
  /** Make-up workdays (调休上班): weekend days that are working days. */
  workdays: ReadonlySet<IsoDate>;
}

/** A State Council holiday notice for one year, as an operator loads it. */
export interface HolidayNotice {
  year: number;
  holidays: IsoDate[];
  workdays: IsoDate[];
  /** The notice's number, e.g. 国办发明电〔2026〕X号. */
  source: string;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const bundled = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
export const CHINESE_DAYS_VERSION = (require('chinese-days/package.json') as { version: string }).version;

function groupByYear(dates: Record<string, string>): Map<number, IsoDate[]> {
  const byYear = new Map<number, IsoDate[]>();
  for (const date of Object.keys(dates)) {
    const list = byYear.get(yearOf(date)) ?? [];
    list.push(date);
    byYear.set(yearOf(date), list);
  }
  return byYear;
}

const bundledHolidays = groupByYear(bundled.holidays);
const bundledWorkdays = groupByYear(bundled.workdays);

/** The years whose State Council notice ships inside chinese-days. */
export const CHINESE_DAYS_YEARS: readonly number[] = [...bundledHolidays.keys()].sort((a, b) => a - b);

/** The year as chinese-days knows it, or undefined: it would silently answer Mon–Fri otherwise. */
export function chineseDaysYear(year: number): YearCalendar | undefined {
  const holidays = bundledHolidays.get(year);
  if (!holidays) return undefined;
  return {
    year,
    status: 'official',
    basis: `chinese-days@${CHINESE_DAYS_VERSION}:${year}`,
    // The library and its version are the year's basis (`chinese-days@1.5.7:2026`), not its source.
    source: `国务院办公厅关于${year}年部分节假日安排的通知`,
    holidays: new Set(holidays),
    workdays: new Set(bundledWorkdays.get(year) ?? []),
  };
}

export function noticeYear(notice: HolidayNotice): YearCalendar {
  return {
    year: notice.year,
    status: 'official',
    basis: `notice:${notice.year}`,
    source: notice.source,
    holidays: new Set(notice.holidays),
    workdays: new Set(notice.workdays),
  };
}

/**
 * The Gregorian years whose festivals the lunar tables of chinese-days cover (lunar data
 * 1900–2100, solar-term formulas for the 20th and 21st centuries).
 */
export const RULES_YEAR_RANGE = { min: 1901, max: 2099 } as const;

export interface StatutoryHoliday {
  date: IsoDate;
  festival: string;
  /** A weekday off in place of a holiday that fell on a weekend or on another holiday (补假). */
  substitute?: true;
}

/**
 * The statutory public holidays of a year under 《全国年节及纪念日放假办法》 as amended in 2024
 * (in force 2025), Art.2 and Art.6. Only make-up workdays (调休) are missing: the State Council
 * decides them each year, so a year computed this way is provisional.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < RULES_YEAR_RANGE.min || year > RULES_YEAR_RANGE.max) {
    throw CalendarErrors.error('CALENDAR_YEAR_UNSUPPORTED', {
      year,
      min: RULES_YEAR_RANGE.min,
      max: RULES_YEAR_RANGE.max,
    });
  }
  const lunar = (monthDay: string) => chineseDays.getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const springFestival = lunar('01-01');
  // 除夕 is the day before 正月初一: the twelfth lunar month has 29 or 30 days.
  const festivals: [string, IsoDate[]][] = [
    ['元旦', [`${year}-01-01`]],
    [
      '春节',
      [addDays(springFestival, -1), springFestival, addDays(springFestival, 1), addDays(springFestival, 2)],
    ],
    ['清明节', [chineseDays.getSolarTermDate(year, 4, 'pure_brightness')]],
    ['劳动节', [`${year}-05-01`, `${year}-05-02`]],
    ['端午节', [lunar('05-05')]],
    ['中秋节', [lunar('08-15')]],
    ['国庆节', [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`]],
  ];
  const off = new Set(festivals.flatMap(([, dates]) => dates));
  const out: StatutoryHoliday[] = [];
  const seen = new Set<IsoDate>();
  for (const [festival, dates] of festivals) {
    let owed = 0;
    for (const date of dates) {
      if (yearOf(date) !== year) throw new Error(`${festival} ${year} computed as ${date}`);
      // Art.6: a holiday on a Saturday or Sunday is made up on a working day; two festivals on
      // one date (中秋 on 10-01) likewise leave a day owed.
      if (isWeekend(date) || seen.has(date)) owed++;
      seen.add(date);
      out.push({ date, festival });
    }
    let next = dates[dates.length - 1] ?? '';
    while (owed > 0) {
      next = addDays(next, 1);
      if (isWeekend(next) || off.has(next)) continue;
      off.add(next);
      out.push({ date: next, festival, substitute: true });
      owed--;
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export function rulesYear(year: number): YearCalendar {
  const holidays = statutoryHolidays(year);
  return {
    year,
    status: 'provisional',
    basis: `rules-2025:${year}`,
    source: '按《全国年节及纪念日放假办法》（2024年修订）推算，未含调休',
    holidays: new Set(holidays.map((h) => h.date)),
    workdays: new Set(),
  };
}
