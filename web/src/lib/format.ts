/**
 * The platform's clock is China's: deadlines, working days and case dates are counted in
 * Asia/Shanghai, so the portal shows every time in it too, whatever zone the reader's browser is
 * set to (a server room's UTC, a laptop abroad).
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const DATE_TIME = {
  timeZone: CHINA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const satisfies Intl.DateTimeFormatOptions;

/**
 * A timestamp as the reader's language writes it, in China time; an absent one as a dash.
 *
 * @example formatDateTime('2026-11-05T02:00:00Z', 'zh-CN') // '2026/11/05 10:00'
 */
export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'zh-CN', DATE_TIME).format(date);
}

/**
 * The calendar day in China of a moment (now by default), as YYYY-MM-DD: the day the server's
 * deadlines count from, and the day a file saved now is stamped with.
 *
 * @example chinaDate(new Date('2026-11-04T17:00:00Z')) // '2026-11-05'
 */
export function chinaDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE }).format(at);
}
