import type { WorkingCalendar } from './calendar.js';
import type { IsoDate } from './dates.js';

/**
 * A deadline as every API answer and page shows it: the due date, the article that sets the
 * period, the working days left (negative once overdue; `null` once the case is decided, since a
 * decided case shows no countdown) and whether the date is provisional (its year's holiday notice
 * is not loaded yet, so the portal marks it 「暂定」).
 */
export interface DeadlineView {
  dueDate: IsoDate;
  article: string | null;
  workingDaysLeft: number | null;
  provisional: boolean;
}

/** Working days from `today` to `due`: positive before, 0 on the day, negative once overdue. */
export function workingDaysLeft(calendar: WorkingCalendar, today: IsoDate, due: IsoDate): number {
  return today <= due
    ? calendar.countWorkingDays(today, due).count
    : -calendar.countWorkingDays(due, today).count;
}

/**
 * The view of a due date on `today`; `running` false (the case is decided, the duty met) keeps
 * the date and its article but drops the countdown.
 *
 * @example deadlineView(calendar, '2026-09-28', { dueDate: '2026-09-30', article: '第二十一条' })
 */
export function deadlineView(
  calendar: WorkingCalendar,
  today: IsoDate,
  deadline: { dueDate: IsoDate; article: string | null },
  running = true,
): DeadlineView {
  const { dueDate, article } = deadline;
  return {
    dueDate,
    article,
    workingDaysLeft: running ? workingDaysLeft(calendar, today, dueDate) : null,
    provisional: calendar.yearStatus(Number(dueDate.slice(0, 4))) === 'provisional',
  };
}
