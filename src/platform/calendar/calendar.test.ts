import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { WorkingCalendar } from './calendar.js';
import { addDays, isWeekend } from './dates.js';
import {
  CHINESE_DAYS_VERSION,
  CHINESE_DAYS_YEARS,
  chineseDaysYear,
  type HolidayNotice,
  statutoryHolidays,
} from './sources.js';

const cd = (year: number) => `chinese-days@${CHINESE_DAYS_VERSION}:${year}`;
const calendar = new WorkingCalendar([]);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('working days from the State Council notices (R39)', () => {
  it('2025 National Day: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 are make-up workdays', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1))
      expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(isWeekend('2025-09-28') && calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(isWeekend('2025-10-11') && calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.addWorkingDays('2025-09-26', 5)).toEqual({
      date: '2025-10-10',
      provisional: false,
      basis: [cd(2025)],
    });
  });

  it('2026 Spring Festival: Saturdays 02-14 and 02-28 are make-up workdays', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false);
    expect(calendar.addWorkingDays('2026-02-10', 20)).toEqual({
      date: '2026-03-16',
      provisional: false,
      basis: [cd(2026)],
    });
  });

  it('agrees with chinese-days on every day of every bundled year', () => {
    for (const year of CHINESE_DAYS_YEARS) {
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        if (calendar.isWorkingDay(d) !== chineseDays.isWorkday(d))
          expect.fail(`${d} differs from chinese-days`);
      }
    }
    expect(CHINESE_DAYS_YEARS[0]).toBe(2004);
    expect(CHINESE_DAYS_YEARS.at(-1)).toBeGreaterThanOrEqual(2026);
  });

  it('counts across a year boundary, naming both years, and is the inverse of addWorkingDays', () => {
    const due = calendar.addWorkingDays('2025-12-24', 10);
    expect(due.basis).toEqual([cd(2025), cd(2026)]);
    expect(due.provisional).toBe(false);
    expect(calendar.isWorkingDay(due.date)).toBe(true);
    expect(calendar.countWorkingDays('2025-12-24', due.date)).toEqual({
      count: 10,
      provisional: false,
      basis: due.basis,
    });
    // 2026-01-01..03 are off: ten working days cannot fit into 14 calendar days here.
    expect(due.date > addDays('2025-12-24', 14)).toBe(true);
    for (const [start, n] of [
      ['2024-09-20', 17],
      ['2025-01-20', 30],
      ['2026-04-30', 7],
    ] as const) {
      const r = calendar.addWorkingDays(start, n);
      expect(calendar.countWorkingDays(start, r.date).count).toBe(n);
      expect(calendar.countWorkingDays(start, addDays(r.date, -1)).count).toBe(n - 1);
    }
  });

  it('adds calendar days without holiday data (Guangzhou "3日", Art.17)', () => {
    expect(calendar.add('2025-09-30', 3, 'calendar_days')).toEqual({
      date: '2025-10-03',
      provisional: false,
      basis: ['calendar-days'],
    });
  });

  it('refuses malformed input with catalogue codes', () => {
    expect(codeOf(() => calendar.addWorkingDays('2025-02-30', 1))).toBe('CALENDAR_DATE_INVALID');
    expect(codeOf(() => calendar.isWorkingDay('2025-1-1'))).toBe('CALENDAR_DATE_INVALID');
    expect(codeOf(() => calendar.addWorkingDays('2025-01-02', -1))).toBe('CALENDAR_DAYS_INVALID');
    expect(codeOf(() => calendar.addWorkingDays('2025-01-02', 1.5))).toBe('CALENDAR_DAYS_INVALID');
    expect(codeOf(() => calendar.countWorkingDays('2025-01-03', '2025-01-02'))).toBe(
      'CALENDAR_RANGE_INVALID',
    );
  });
});

describe('years without a notice: the 2025 holiday rules, provisional (R39)', () => {
  it('never treats 2027 as plain Mon–Fri (chinese-days would call 2027-10-01 a workday)', () => {
    expect(chineseDays.isWorkday('2027-10-01')).toBe(true);
    expect(calendar.isWorkingDay('2027-10-01')).toBe(false);
    expect(calendar.yearStatus(2027)).toBe('provisional');
    expect(calendar.yearStatus(2026)).toBe('official');
  });

  it('a deadline running into 2027 is provisional and its basis says so', () => {
    const due = calendar.addWorkingDays('2026-12-20', 15);
    expect(due.provisional).toBe(true);
    expect(due.basis).toEqual([cd(2026), 'rules-2025:2027']);
    expect(calendar.addWorkingDays('2026-12-01', 3).provisional).toBe(false);
  });

  it('computes 春节 2027 as 除夕 and 初一–初三 by the lunar calendar, with weekend days made up (Art.6)', () => {
    // Independently of the computation: scan the days and ask the lunar conversion for each.
    const lunarNewYear: string[] = [];
    for (let d = '2027-01-15'; d <= '2027-02-28'; d = addDays(d, 1)) {
      const l = chineseDays.getLunarDate(d);
      const next = chineseDays.getLunarDate(addDays(d, 1));
      const isEve = l.lunarMon === 12 && !l.isLeap && next.lunarMon === 1 && next.lunarDay === 1;
      if (isEve || (l.lunarMon === 1 && !l.isLeap && l.lunarDay <= 3)) lunarNewYear.push(d);
    }
    expect(lunarNewYear).toHaveLength(4);
    const festival = statutoryHolidays(2027).filter((h) => h.festival === '春节');
    expect(festival.filter((h) => !h.substitute).map((h) => h.date)).toEqual(lunarNewYear);
    for (const d of lunarNewYear) expect(calendar.isWorkingDay(d), d).toBe(false);
    const weekendDays = lunarNewYear.filter(isWeekend).length;
    const substitutes = festival.filter((h) => h.substitute).map((h) => h.date);
    expect(substitutes).toHaveLength(weekendDays);
    for (const d of substitutes) {
      expect(isWeekend(d)).toBe(false);
      expect(calendar.isWorkingDay(d)).toBe(false);
    }
    const eve = lunarNewYear[0] ?? '';
    expect(calendar.addWorkingDays(addDays(eve, -1), 1).date > eve).toBe(true);
  });

  it('computes 清明 from the solar term and 端午, 中秋 from the lunar calendar', () => {
    const holidays = statutoryHolidays(2027);
    const on = (name: string) =>
      holidays.filter((h) => h.festival === name && !h.substitute).map((h) => h.date);
    expect(on('清明节')).toEqual(chineseDays.getSolarTerms('2027-04-01', '2027-04-10').map((t) => t.date));
    expect(on('端午节').map((d) => chineseDays.getLunarDate(d))).toMatchObject([
      { lunarMon: 5, lunarDay: 5 },
    ]);
    expect(on('中秋节').map((d) => chineseDays.getLunarDate(d))).toMatchObject([
      { lunarMon: 8, lunarDay: 15 },
    ]);
    expect(on('劳动节')).toEqual(['2027-05-01', '2027-05-02']);
    expect(on('国庆节')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });

  it('agrees with the official 2025 and 2026 notices on every day the rules declare off', () => {
    for (const year of [2025, 2026]) {
      const official = chineseDaysYear(year);
      for (const h of statutoryHolidays(year))
        expect(official?.holidays.has(h.date), `${h.festival} ${h.date}`).toBe(true);
    }
  });

  it('gives a day back when two festivals fall on one date (中秋 on 国庆, 2020)', () => {
    const october = statutoryHolidays(2020).filter((h) => h.date >= '2020-10-01' && h.date <= '2020-10-31');
    expect(
      october
        .filter((h) => h.date === '2020-10-01')
        .map((h) => h.festival)
        .sort(),
    ).toEqual(['中秋节', '国庆节']);
    // 10-03 is a Saturday, and 10-01 is owed once more: two weekdays after the holiday.
    expect(october.filter((h) => h.substitute).map((h) => h.date)).toEqual(['2020-10-05', '2020-10-06']);
  });

  it('computes years before 2004 the same way, provisionally', () => {
    expect(calendar.yearStatus(2003)).toBe('provisional');
    expect(calendar.isWorkingDay('2003-10-01')).toBe(false);
    expect(calendar.addWorkingDays('2003-12-30', 1).basis).toEqual(['rules-2025:2003']);
  });

  it('refuses a year the lunar tables do not cover', () => {
    expect(codeOf(() => calendar.isWorkingDay('2100-03-01'))).toBe('CALENDAR_YEAR_UNSUPPORTED');
    expect(codeOf(() => calendar.isWorkingDay('1900-03-01'))).toBe('CALENDAR_YEAR_UNSUPPORTED');
    expect(codeOf(() => calendar.addWorkingDays('2099-12-30', 5))).toBe('CALENDAR_YEAR_UNSUPPORTED');
  });
});

describe('a loaded notice overrides the bundled data and the rules', () => {
  const notice: HolidayNotice = {
    year: 2027,
    holidays: [
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ],
    workdays: ['2027-02-13'],
    source: '国办发明电〔2026〕测试号',
  };
  const withNotice = new WorkingCalendar([notice]);

  it('uses the notice for its year and names it in the basis', () => {
    expect(withNotice.yearStatus(2027)).toBe('official');
    expect(calendar.isWorkingDay('2027-02-11')).toBe(true);
    expect(withNotice.isWorkingDay('2027-02-11')).toBe(false);
    expect(withNotice.isWorkingDay('2027-02-13')).toBe(true);
    // Only what the notice lists: 10-01 is a Friday the test notice does not declare off.
    expect(withNotice.isWorkingDay('2027-10-01')).toBe(true);
    expect(withNotice.addWorkingDays('2026-12-20', 15)).toMatchObject({
      provisional: false,
      basis: [cd(2026), 'notice:2027'],
    });
  });

  it('overrides a year chinese-days knows', () => {
    const override = new WorkingCalendar([
      { year: 2026, holidays: ['2026-03-02'], workdays: [], source: 'test' },
    ]);
    expect(calendar.isWorkingDay('2026-03-02')).toBe(true);
    expect(override.isWorkingDay('2026-03-02')).toBe(false);
    expect(override.isWorkingDay('2026-02-17')).toBe(true);
    expect(override.addWorkingDays('2026-03-01', 1).basis).toEqual(['notice:2026']);
  });
});
