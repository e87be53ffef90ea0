import type { EntryContent } from '../../catalog/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { FreshnessStatus } from './schema.js';

/**
 * How a resource's freshness is judged (R68–R70), from the effective profile's `updateTimeliness`
 * and the catalog's declared 更新周期:
 * - `real_time`: the data must be seen current within the platform's real-time tolerance;
 * - `days`: at most `days` calendar days after the last change, ending at 24:00 China time;
 * - `months`: at most `months` calendar months (the catalog's monthly … yearly cycles);
 * - `quarterly_window`: at least once a quarter, within days 1…`firstMonthDays` of its first month;
 * - `none`: the catalog's cycle is `other` and no statutory rule applies: not judged (`unknown`).
 */
export interface FreshnessRule {
  kind: 'real_time' | 'days' | 'months' | 'quarterly_window' | 'none';
  days?: number;
  months?: number;
  firstMonthDays?: number;
  /** Where the rule comes from: the profile's cited value, or the catalog cycle under the profile's rule. */
  basis: 'statutory' | 'catalog';
  article: string | null;
  text: string;
  /** The profile the cited value comes from (effective profile, R123). */
  source?: string | undefined;
}

/**
 * "实时" sets no number; the platform's tolerance is two runs of the monitor (every 15 minutes):
 * a real-time resource is current while a change, a caught-up node heartbeat (every 20 s) or a
 * successful service call was seen within it, and due after half of it.
 */
export const MONITOR_EVERY_MS = 15 * 60_000;
export const REAL_TIME_TOLERANCE_MS = 2 * MONITOR_EVERY_MS;

const CYCLE_MONTHS: Record<string, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };
const CYCLE_DAYS: Record<string, number> = { daily: 1, weekly: 7 };
/** Declared cycles longer than a quarter, or quarterly: Guangzhou's quarterly exception covers them. */
const QUARTERLY_OR_LONGER = new Set(['quarterly', 'half_yearly', 'yearly']);

/**
 * The rule that applies to an entry under the effective profile.
 *
 * Guangzhou (`statutory`, Art.17): e-licence and document data (its `realTime` categories, matched
 * on the entry's name and keywords) in real time; an entry whose ratified catalog declares a
 * quarterly or longer cycle is the "special case filed with the authority" of Art.17 ¶2 (the
 * authority ratified that declaration) and keeps the quarterly window; all other data within
 * `otherData` calendar days. Elsewhere (`catalog_defined`, and `not_specified` where the national
 * base did not fill it) the catalog's declared cycle is the time limit.
 */
export function ruleFor(
  profile: Profile,
  content: Pick<EntryContent, 'name' | 'keywords' | 'updateCycle'>,
): FreshnessRule {
  const timeliness = profile.updateTimeliness;
  if (timeliness.rule.value === 'statutory') {
    const { realTime, otherData, fallback } = timeliness;
    if (realTime.value.some((category) => inCategory(content, category)))
      return { kind: 'real_time', basis: 'statutory', ...cite(realTime) };
    if (fallback.value && QUARTERLY_OR_LONGER.has(content.updateCycle))
      return {
        kind: 'quarterly_window',
        firstMonthDays: fallback.value.firstMonthDays,
        basis: 'statutory',
        ...cite(fallback),
      };
    if (otherData.qualifier === 'fixed' && otherData.value !== null && otherData.unit === 'calendar_days')
      return { kind: 'days', days: otherData.value, basis: 'statutory', ...cite(otherData) };
  }
  const rule = timeliness.rule;
  const cycle = content.updateCycle;
  if (cycle === 'real_time') return { kind: 'real_time', basis: 'catalog', ...cite(rule) };
  const days = CYCLE_DAYS[cycle];
  if (days !== undefined) return { kind: 'days', days, basis: 'catalog', ...cite(rule) };
  const months = CYCLE_MONTHS[cycle];
  if (months !== undefined) return { kind: 'months', months, basis: 'catalog', ...cite(rule) };
  return { kind: 'none', basis: 'catalog', ...cite(rule) };
}

function cite(value: { article: string | null; text: string; source?: string | undefined }) {
  return { article: value.article, text: value.text, source: value.source };
}

/** An entry falls in a category ("文书类信息") when its name or a keyword holds the category's core word ("文书"). */
export function inCategory(content: Pick<EntryContent, 'name' | 'keywords'>, category: string): boolean {
  const core = category.replace(/(类信息|信息|类)$/u, '') || category;
  return content.name.includes(core) || content.keywords.some((k) => k.includes(core));
}

export interface Judgement {
  status: FreshnessStatus;
  /** The deadline of the next update; null where no rule judges the resource. */
  dueBy: string | null;
}

/**
 * The status at `now` of data last seen current at `last`: late past the deadline, due from the
 * start of the deadline's day (half the tolerance for real time; the open window for the
 * quarterly rule), fresh before. Pure and deterministic: the monitor passes the platform clock.
 */
export function judge(rule: FreshnessRule, last: Date, now: Date): Judgement {
  if (rule.kind === 'none') return { status: 'unknown', dueBy: null };
  if (rule.kind === 'quarterly_window') return judgeWindow(rule.firstMonthDays ?? 10, last, now);
  let dueBy: Date;
  let dueFrom: Date;
  if (rule.kind === 'real_time') {
    dueBy = new Date(last.getTime() + REAL_TIME_TOLERANCE_MS);
    dueFrom = new Date(last.getTime() + REAL_TIME_TOLERANCE_MS / 2);
  } else {
    const date = chinaDate(last);
    const lastDay = rule.kind === 'days' ? addDays(date, rule.days ?? 1) : addMonths(date, rule.months ?? 1);
    dueBy = endOfChinaDay(lastDay);
    dueFrom = startOfChinaDay(lastDay);
  }
  const status: FreshnessStatus = now > dueBy ? 'late' : now >= dueFrom ? 'due' : 'fresh';
  return { status, dueBy: dueBy.toISOString() };
}

/** Guangzhou Art.17 ¶2: once per quarter, within days 1…n of the quarter's first month (Jan, Apr, Jul, Oct). */
function judgeWindow(firstMonthDays: number, last: Date, now: Date): Judgement {
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const firstMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  const open = startOfChinaDay(isoDate(year, firstMonth, 1));
  const close = endOfChinaDay(isoDate(year, firstMonth, firstMonthDays));
  if (last >= open) {
    // Updated this quarter: the next deadline is the end of next quarter's window.
    const next =
      firstMonth === 10
        ? isoDate(year + 1, 1, firstMonthDays)
        : isoDate(year, firstMonth + 3, firstMonthDays);
    return { status: 'fresh', dueBy: endOfChinaDay(next).toISOString() };
  }
  return { status: now <= close ? 'due' : 'late', dueBy: close.toISOString() };
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `months` later, or the month's last day where it has none (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, Math.min(d, last));
}

function startOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** 24:00 China time of the date: the last instant a period counted in days still runs. */
function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CHINA_OFFSET_MS - 1);
}
