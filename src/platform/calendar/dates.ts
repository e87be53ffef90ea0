import { CalendarErrors } from './errors.js';

/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic runs on UTC midnight so that no time zone
 * or daylight-saving shift can move a date; "today" is the date in China (UTC+8), where every
 * deadline in the texts is counted.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Throws CALENDAR_DATE_INVALID unless `value` is a real `YYYY-MM-DD` date. */
export function requireIsoDate(value: string, field?: string): IsoDate {
  if (!isIsoDate(value))
    throw CalendarErrors.error('CALENDAR_DATE_INVALID', { value, ...(field ? { field } : {}) });
  return value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** The calendar date in China at the given instant. */
export function chinaDate(at: Date): IsoDate {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
