import type { Clock } from '../clock/index.js';

import { WorkingCalendar } from './calendar.js';
import { chinaDate, yearOf } from './dates.js';
import type { DeadlineService } from './deadlines.js';
import { CalendarErrors } from './errors.js';
import { validateNotice } from './notice.js';
import { CHINESE_DAYS_YEARS, type HolidayNotice } from './sources.js';
import {
  type CalendarStorage,
  type Executor,
  insertNotice,
  loadCalendar,
  readNotices,
  type StoredNotice,
} from './store.js';

export interface CalendarYearSummary {
  year: number;
  status: 'official' | 'provisional';
  basis: string;
  source: string;
  /** Set for a notice an operator loaded. */
  loadedAt?: string;
}

export interface CalendarServiceDeps {
  storage: CalendarStorage;
  clock: Clock;
  deadlines: DeadlineService;
}

/**
 * The working-day calendar of the instance. The calendar is read from the database on each use,
 * so a notice loaded through one node is in force on every node at once.
 */
export class CalendarService {
  readonly #deps: CalendarServiceDeps;

  constructor(deps: CalendarServiceDeps) {
    this.#deps = deps;
  }

  /** The calendar in force; pass a transaction to read it inside one. */
  calendar(executor: Executor = this.#deps.storage.db): Promise<WorkingCalendar> {
    return loadCalendar(executor);
  }

  /** Today's date in China, by the injected clock. */
  today(): string {
    return chinaDate(this.#deps.clock.now());
  }

  /**
   * Every year with calendar data: the bundled and loaded notices, then the computed years up to
   * next year, so that a reader sees where the official calendar ends.
   */
  async listYears(): Promise<CalendarYearSummary[]> {
    const notices = await readNotices(this.#deps.storage.db);
    const calendar = new WorkingCalendar(notices);
    const loaded = new Map(notices.map((n) => [n.year, n]));
    const official = [...CHINESE_DAYS_YEARS, ...loaded.keys()];
    const through = Math.max(yearOf(this.today()) + 1, ...official);
    const years = new Set(official);
    for (let y = Math.min(...official); y <= through; y++) years.add(y);
    return [...years]
      .sort((a, b) => a - b)
      .map((year) => {
        const data = calendar.year(year);
        const notice = loaded.get(year);
        return {
          year,
          status: data.status,
          basis: data.basis,
          source: data.source,
          ...(notice ? { loadedAt: notice.loadedAt } : {}),
        };
      });
  }

  /**
   * Loads a State Council notice as the calendar of its year, and in the same transaction turns
   * every provisional deadline that depended on that year into a final one.
   */
  async loadNotice(
    input: HolidayNotice,
    loadedBy: string | null = null,
    /** Runs in the same transaction, e.g. the audit entry recording who loaded the notice. */
    alongside?: (trx: Executor, result: { notice: StoredNotice; recomputed: number }) => Promise<void>,
  ): Promise<{ notice: StoredNotice; recomputed: number }> {
    const notice: StoredNotice = {
      ...validateNotice(input),
      loadedAt: this.#deps.clock.now().toISOString(),
      loadedBy,
    };
    return this.#deps.storage.db.transaction().execute(async (trx) => {
      if (!(await insertNotice(trx, notice))) {
        const existing = (await readNotices(trx)).find((n) => n.year === notice.year);
        throw CalendarErrors.error('CALENDAR_NOTICE_ALREADY_LOADED', {
          field: '/body/year',
          year: notice.year,
          source: existing?.source ?? '',
        });
      }
      const recomputed = await this.#deps.deadlines.recomputeProvisional(notice.year, trx);
      await alongside?.(trx, { notice, recomputed });
      return { notice, recomputed };
    });
  }
}
