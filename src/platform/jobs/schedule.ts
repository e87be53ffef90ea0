/**
 * When a job runs: every `every` milliseconds from its last start, or once a day at `dailyAt`
 * (HH:MM, China Standard Time — UTC+8 all year, no daylight saving — the time the platform's
 * operators and the regulation speak in).
 */
export type JobSchedule = { every: number } | { dailyAt: string };

export interface Backoff {
  /** Wait after the first failure; doubles with each failure in a row. */
  initialMs: number;
  /** The longest wait between retries. */
  maxMs: number;
}

export const DAY_MS = 24 * 60 * 60_000;
const CHINA_OFFSET_MS = 8 * 60 * 60_000;

/** Minutes after midnight of `HH:MM`; throws for anything else (a programming error). */
export function dailyMinutes(dailyAt: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(dailyAt);
  if (!match) throw new Error(`dailyAt must be HH:MM, got ${dailyAt}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The latest daily run time (China time) at or before `at`. */
function lastOccurrence(minutes: number, at: Date): number {
  const local = at.getTime() + CHINA_OFFSET_MS;
  let occurrence = Math.floor(local / DAY_MS) * DAY_MS + minutes * 60_000;
  if (occurrence > local) occurrence -= DAY_MS;
  return occurrence - CHINA_OFFSET_MS;
}

/**
 * When a job that last started at `lastStartedAt` is next due. Never run: due now. A node that
 * was down past that time finds it in the past and runs the job at once.
 */
export function nextAfter(schedule: JobSchedule, lastStartedAt: Date | null, now: Date): Date {
  if (!lastStartedAt) return now;
  if ('every' in schedule) return new Date(lastStartedAt.getTime() + schedule.every);
  return new Date(lastOccurrence(dailyMinutes(schedule.dailyAt), lastStartedAt) + DAY_MS);
}

/** The period a schedule repeats at, for defaults. */
export function periodOf(schedule: JobSchedule): number {
  return 'every' in schedule ? schedule.every : DAY_MS;
}

/**
 * Retry waits: from the period (at most 10 s) doubling up to the period clamped to 1–15 min, so a
 * poll every second retries within a minute and a daily job every quarter of an hour.
 */
export function defaultBackoff(schedule: JobSchedule): Backoff {
  const period = periodOf(schedule);
  return { initialMs: Math.min(period, 10_000), maxMs: Math.min(Math.max(period, 60_000), 15 * 60_000) };
}

/** The wait before retrying after `failures` failures in a row (≥ 1). */
export function backoffDelay(backoff: Backoff, failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(backoff.initialMs * 2 ** exponent, backoff.maxMs);
}
