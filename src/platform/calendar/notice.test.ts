import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { validateNotice } from './notice.js';
import type { HolidayNotice } from './sources.js';

const valid: HolidayNotice = {
  year: 2027,
  holidays: ['2027-02-06', '2027-01-01', '2027-02-05', '2027-01-01'],
  workdays: ['2027-02-13'],
  source: ' 国办发明电〔2026〕X号 ',
};

function refusal(notice: HolidayNotice): { code: string; field: string | undefined } {
  try {
    validateNotice(notice);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('notice accepted');
}

describe('holiday notice validation (R39)', () => {
  it('accepts a notice and returns it sorted, without repeats', () => {
    expect(validateNotice(valid)).toEqual({
      year: 2027,
      holidays: ['2027-01-01', '2027-02-05', '2027-02-06'],
      workdays: ['2027-02-13'],
      source: '国办发明电〔2026〕X号',
    });
  });

  it.each<[string, Partial<HolidayNotice>, string, string]>([
    ['no holidays', { holidays: [] }, 'CALENDAR_NOTICE_NO_HOLIDAYS', '/body/holidays'],
    [
      'a holiday in another year',
      { holidays: ['2027-01-01', '2026-12-31'] },
      'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR',
      '/body/holidays/1',
    ],
    [
      'a workday in another year',
      { workdays: ['2028-01-08'] },
      'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR',
      '/body/workdays/0',
    ],
    ['an impossible date', { holidays: ['2027-02-29'] }, 'CALENDAR_DATE_INVALID', '/body/holidays/0'],
    [
      'a date in both lists',
      { workdays: ['2027-02-06'] },
      'CALENDAR_NOTICE_DATE_IN_BOTH_LISTS',
      '/body/workdays/0',
    ],
    [
      'a make-up workday on a weekday',
      { workdays: ['2027-02-12'] },
      'CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND',
      '/body/workdays/0',
    ],
    ['a blank source', { source: '  ' }, 'CALENDAR_NOTICE_SOURCE_MISSING', '/body/source'],
    ['a year out of range', { year: 1999 }, 'CALENDAR_NOTICE_YEAR_INVALID', '/body/year'],
  ])('refuses %s', (_label, change, code, field) => {
    expect(refusal({ ...valid, ...change })).toEqual({ code, field });
  });
});
