import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/index.js';
import { migrateToLatest } from '../db/migrations.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../db/test-support/index.js';
import { AppError } from '../errors/index.js';
import { WorkingCalendar } from './calendar.js';
import { addDays } from './dates.js';
import {
  type CalendarTables,
  CHINESE_DAYS_VERSION,
  createCalendarServices,
  type HolidayNotice,
} from './index.js';
import { calendarMigrations } from './migrations.js';

const cd = (year: number) => `chinese-days@${CHINESE_DAYS_VERSION}:${year}`;

describe.each(DIALECTS)('calendar and deadlines on %s', (dialect) => {
  let storage: TestStorage<CalendarTables>;
  let clock: ManualClock;
  let services: ReturnType<typeof createCalendarServices>;

  beforeEach(async () => {
    storage = await openTestStorage<CalendarTables>(dialect);
    await migrateToLatest(storage.db, storage.dialect, calendarMigrations);
    clock = new ManualClock('2026-12-15T02:00:00Z');
    services = createCalendarServices({ storage, clock });
  });
  afterEach(async () => {
    await storage.dispose();
  });

  it('stores a deadline with the calendar data it used', async () => {
    const stored = await services.deadlines.set({
      subjectType: 'sharing.application.reply',
      subjectId: 'app-1',
      start: '2025-09-26',
      amount: 5,
      unit: 'working_days',
      article: '内政发〔2018〕23号 第十九条',
    });
    expect(stored).toMatchObject({
      start: '2025-09-26',
      dueDate: '2025-10-10',
      provisional: false,
      basis: [cd(2025)],
      article: '内政发〔2018〕23号 第十九条',
      createdAt: '2026-12-15T02:00:00.000Z',
      recomputedAt: null,
    });
    expect(await services.deadlines.get('sharing.application.reply', 'app-1')).toEqual(stored);
    expect(await services.deadlines.get('sharing.application.reply', 'app-2')).toBeUndefined();
  });

  it('replaces the deadline of a subject rather than adding a second one', async () => {
    const input = {
      subjectType: 'catalog.update',
      subjectId: 'r1',
      amount: 15,
      unit: 'working_days' as const,
    };
    const first = await services.deadlines.set({ ...input, start: '2026-03-02' });
    const second = await services.deadlines.set({
      ...input,
      start: '2026-04-01',
      amount: 3,
      unit: 'calendar_days',
    });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ dueDate: '2026-04-04', unit: 'calendar_days', basis: ['calendar-days'] });
    const rows = await storage.db.selectFrom('deadline').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('joins the caller transaction: a rollback leaves no deadline', async () => {
    await expect(
      storage.db.transaction().execute(async (trx) => {
        await services.deadlines.set(
          { subjectType: 's', subjectId: '1', start: '2026-01-05', amount: 1, unit: 'working_days' },
          trx,
        );
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await services.deadlines.get('s', '1')).toBeUndefined();
  });

  it('loading the 2027 notice makes provisional deadlines final and moves them (R39)', async () => {
    const set = (subjectId: string, start: string, amount: number) =>
      services.deadlines.set({
        subjectType: 'sharing.application.reply',
        subjectId,
        start,
        amount,
        unit: 'working_days',
      });
    const overHoliday = await set('a', '2027-01-29', 10);
    const overMakeUpDay = await set('b', '2027-02-15', 5);
    const unmoved = await set('c', '2027-01-29', 2);
    const before2027 = await set('d', '2026-12-01', 3);
    for (const d of [overHoliday, overMakeUpDay, unmoved])
      expect(d).toMatchObject({ provisional: true, basis: ['rules-2025:2027'] });
    expect(before2027).toMatchObject({ provisional: false, basis: [cd(2026)] });

    // A longer Spring Festival break than the rules give, and a make-up Saturday after it.
    const notice: HolidayNotice = {
      year: 2027,
      holidays: ['2027-01-01', ...Array.from({ length: 7 }, (_, i) => addDays('2027-02-05', i))],
      workdays: ['2027-02-20'],
      source: '国办发明电〔2026〕测试号',
    };
    const official = new WorkingCalendar([notice]);
    const rules = new WorkingCalendar([]);
    expect(rules.isWorkingDay('2027-02-11') && !official.isWorkingDay('2027-02-11')).toBe(true);
    const expected = {
      a: official.addWorkingDays('2027-01-29', 10).date,
      b: official.addWorkingDays('2027-02-15', 5).date,
      c: official.addWorkingDays('2027-01-29', 2).date,
    };
    expect(expected.a > overHoliday.dueDate).toBe(true);
    expect(expected.b < overMakeUpDay.dueDate).toBe(true);
    expect(expected.b).toBe('2027-02-20');
    expect(expected.c).toBe(unmoved.dueDate);

    clock.set('2026-12-20T01:00:00Z');
    const { notice: stored, recomputed } = await services.calendar.loadNotice(notice, 'operator-1');
    expect(stored).toMatchObject({
      year: 2027,
      loadedBy: 'operator-1',
      loadedAt: '2026-12-20T01:00:00.000Z',
    });
    expect(recomputed).toBe(3);
    for (const [subjectId, dueDate] of Object.entries(expected)) {
      expect(await services.deadlines.get('sharing.application.reply', subjectId)).toMatchObject({
        dueDate,
        provisional: false,
        basis: ['notice:2027'],
        recomputedAt: '2026-12-20T01:00:00.000Z',
      });
    }
    expect(await services.deadlines.get('sharing.application.reply', 'd')).toEqual(before2027);
  });

  it('refuses a second notice for the same year and keeps the first', async () => {
    const notice = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'first' };
    await services.calendar.loadNotice(notice);
    const error = await services.calendar
      .loadNotice({ ...notice, source: 'second' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CALENDAR_NOTICE_ALREADY_LOADED');
    expect((error as AppError).localized('zh-CN')).toContain('first');
    expect((await services.calendar.calendar()).year(2027).source).toBe('first');
  });

  it('refuses an invalid notice before storing anything', async () => {
    const error = await services.calendar
      .loadNotice({ year: 2027, holidays: [], workdays: [], source: 'x' })
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('CALENDAR_NOTICE_NO_HOLIDAYS');
    expect(await storage.db.selectFrom('calendar_year').selectAll().execute()).toEqual([]);
  });

  it('lists the years: official through the bundled data and loaded notices, then provisional', async () => {
    let years = await services.calendar.listYears();
    expect(years.find((y) => y.year === 2026)).toMatchObject({ status: 'official', basis: cd(2026) });
    expect(years.at(-1)).toMatchObject({ year: 2027, status: 'provisional', basis: 'rules-2025:2027' });
    await services.calendar.loadNotice({
      year: 2027,
      holidays: ['2027-01-01'],
      workdays: [],
      source: '通知X',
    });
    clock.set('2027-06-01T00:00:00Z');
    years = await services.calendar.listYears();
    expect(years.find((y) => y.year === 2027)).toMatchObject({
      status: 'official',
      source: '通知X',
      basis: 'notice:2027',
    });
    expect(years.at(-1)).toMatchObject({ year: 2028, status: 'provisional' });
    expect(years.map((y) => y.year)).toEqual([...years.map((y) => y.year)].sort((a, b) => a - b));
  });
});
