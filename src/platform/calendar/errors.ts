import { defineErrors } from '../errors/index.js';

export const CalendarErrors = defineErrors('calendar', {
  CALENDAR_DATE_INVALID: {
    status: 400,
    zh: '日期无效：{value}（应为 YYYY-MM-DD 格式的真实日期）',
    en: 'Invalid date: {value} (expected a real date as YYYY-MM-DD)',
  },
  CALENDAR_DAYS_INVALID: {
    status: 400,
    zh: '天数无效：{value}（应为 0 至 {max} 的整数）',
    en: 'Invalid number of days: {value} (expected an integer from 0 to {max})',
  },
  CALENDAR_RANGE_INVALID: {
    status: 400,
    zh: '日期区间无效：起始日 {from} 晚于截止日 {to}',
    en: 'Invalid date range: {from} is after {to}',
  },
  CALENDAR_YEAR_UNSUPPORTED: {
    status: 422,
    zh: '{year} 年不在工作日历可推算的范围（{min}–{max} 年）内，且未载入该年放假通知',
    en: 'Year {year} is outside the range the working-day calendar can compute ({min}–{max}) and no notice is loaded for it',
  },
  CALENDAR_NOTICE_YEAR_INVALID: {
    status: 400,
    zh: '放假通知年份无效：{year}（应为 {min}–{max} 年）',
    en: 'Invalid notice year: {year} (expected {min}–{max})',
  },
  CALENDAR_NOTICE_SOURCE_MISSING: {
    status: 400,
    zh: '放假通知应注明来源文号',
    en: 'A holiday notice must name its source (document number)',
  },
  CALENDAR_NOTICE_NO_HOLIDAYS: {
    status: 400,
    zh: '放假通知至少应列出一个放假日期',
    en: 'A holiday notice must list at least one holiday',
  },
  CALENDAR_NOTICE_DATE_OUTSIDE_YEAR: {
    status: 400,
    zh: '日期 {date} 不属于通知年份 {year} 年',
    en: 'Date {date} is not in the notice year {year}',
  },
  CALENDAR_NOTICE_DATE_IN_BOTH_LISTS: {
    status: 400,
    zh: '日期 {date} 不能同时是放假日和调休上班日',
    en: 'Date {date} cannot be both a holiday and a make-up workday',
  },
  CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND: {
    status: 400,
    zh: '调休上班日 {date} 不是周六或周日',
    en: 'Make-up workday {date} is not a Saturday or Sunday',
  },
  CALENDAR_NOTICE_ALREADY_LOADED: {
    status: 409,
    zh: '{year} 年的放假通知已载入（{source}）',
    en: 'The holiday notice for {year} is already loaded ({source})',
  },
  CALENDAR_DEADLINE_NOT_FOUND: {
    status: 404,
    zh: '未找到 {subjectType} {subjectId} 的期限',
    en: 'No deadline for {subjectType} {subjectId}',
  },
});
