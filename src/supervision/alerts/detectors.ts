import type { ActorHourActivity, EntrySample, KeysAsked } from '../../audit/index.js';
import type { AlertKind, AlertSubjectKind } from './schema.js';
import type { AlertSettings } from './settings.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A reader as the trail names it. */
export interface Subject {
  kind: AlertSubjectKind;
  id: string;
  name: string;
  departmentId: string | null;
}

/** What one detector found about one subject: the alert it raises or updates. */
export interface Finding {
  kind: AlertKind;
  subject: Subject;
  windowFrom: string;
  windowTo: string;
  /** The headline figure (reads, keys or refusals) and what else a reviewer needs. */
  evidence: { count: number } & Record<string, unknown>;
  /** Which of the subject's entries are shown as samples. */
  sample: EntrySample;
}

/** The accesses a window holds per subject, summed over its hours. */
export function perSubject(rows: readonly ActorHourActivity[]): Map<string, Subject & Totals> {
  const out = new Map<string, Subject & Totals>();
  for (const r of rows) {
    const key = `${r.actorKind}|${r.actorId}`;
    let s = out.get(key);
    if (!s) {
      s = {
        kind: r.actorKind,
        id: r.actorId,
        name: r.actorName ?? r.actorId,
        departmentId: r.departmentId,
        reads: 0,
        refused: 0,
      };
      out.set(key, s);
    }
    s.reads += r.reads;
    s.refused += r.refused;
  }
  return out;
}

interface Totals {
  reads: number;
  refused: number;
}

/** `[from, to)` ending now, `minutes` long. */
export function windowOf(now: Date, minutes: number): { from: string; to: string } {
  return {
    from: new Date(now.getTime() - minutes * MINUTE_MS).toISOString(),
    to: now.toISOString(),
  };
}

/** The same window `days` days earlier. */
export function dayBefore(window: { from: string; to: string }, days: number) {
  const shift = (iso: string) => new Date(Date.parse(iso) - days * DAY_MS).toISOString();
  return { from: shift(window.from), to: shift(window.to) };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * volume: a subject whose successful reads in the window reach the floor and exceed `factor`
 * times the median of its own reads in the same window of each of the previous days.
 * `baseline[d]` holds the window `d + 1` days earlier.
 */
export function detectVolume(
  current: readonly ActorHourActivity[],
  baseline: readonly (readonly ActorHourActivity[])[],
  window: { from: string; to: string },
  settings: AlertSettings,
): Finding[] {
  const findings: Finding[] = [];
  const before = baseline.map((rows) => perSubject(rows));
  for (const [key, s] of perSubject(current)) {
    if (s.reads < settings.volumeFloor) continue;
    const counts = before.map((m) => m.get(key)?.reads ?? 0);
    const med = median(counts);
    if (s.reads <= settings.volumeFactor * med) continue;
    findings.push({
      kind: 'volume',
      subject: plain(s),
      windowFrom: window.from,
      windowTo: window.to,
      evidence: {
        count: s.reads,
        median: med,
        factor: settings.volumeFactor,
        floor: settings.volumeFloor,
        windowMinutes: settings.volumeWindowMinutes,
        // Oldest first, then the window itself: what the portal's chart draws.
        baseline: counts.map((count, d) => ({ from: dayBefore(window, d + 1).from, count })).reverse(),
      },
      sample: 'reads',
    });
  }
  return findings;
}

/** The China date and hour of a UTC hour bucket (`YYYY-MM-DDTHH`). */
export function chinaHour(utcHour: string): { date: string; hour: number } {
  const at = new Date(Date.parse(`${utcHour}:00:00Z`) + CHINA_OFFSET_MS).toISOString();
  return { date: at.slice(0, 10), hour: Number(at.slice(11, 13)) };
}

/**
 * off hours: successful reads in China time outside `[workingHoursStart, workingHoursEnd)` of a
 * working day, or on a day the working-day calendar says is not one (weekends, statutory holidays,
 * unless a make-up working day), reaching `offHoursMinReads` in the window.
 */
export function detectOffHours(
  current: readonly ActorHourActivity[],
  window: { from: string; to: string },
  settings: AlertSettings,
  isWorkingDay: (date: string) => boolean,
): Finding[] {
  const bySubject = new Map<string, { subject: Subject; count: number; hours: OffHour[] }>();
  const subjects = perSubject(current);
  for (const r of current) {
    if (r.reads === 0) continue;
    const { date, hour } = chinaHour(r.hour);
    const workingDay = isWorkingDay(date);
    if (workingDay && hour >= settings.workingHoursStart && hour < settings.workingHoursEnd) continue;
    const key = `${r.actorKind}|${r.actorId}`;
    let entry = bySubject.get(key);
    if (!entry) {
      entry = { subject: subjects.get(key) as Subject, count: 0, hours: [] };
      bySubject.set(key, entry);
    }
    entry.count += r.reads;
    entry.hours.push({ date, hour, workingDay, count: r.reads });
  }
  const findings: Finding[] = [];
  for (const { subject, count, hours } of bySubject.values()) {
    if (count < settings.offHoursMinReads) continue;
    hours.sort((a, b) => (a.date === b.date ? a.hour - b.hour : a.date < b.date ? -1 : 1));
    findings.push({
      kind: 'off_hours',
      subject: plain(subject),
      windowFrom: window.from,
      windowTo: window.to,
      evidence: {
        count,
        minReads: settings.offHoursMinReads,
        workingHours: { start: settings.workingHoursStart, end: settings.workingHoursEnd },
        nonWorkingDay: hours.some((h) => !h.workingDay),
        hours,
      },
      sample: 'reads',
    });
  }
  return findings;
}

interface OffHour {
  date: string;
  hour: number;
  workingDay: boolean;
  count: number;
}

/**
 * enumeration: many distinct record keys asked for by one subject in a short window (granted or
 * refused): looking people up one after another rather than the cases at hand.
 */
export function detectEnumeration(
  asked: readonly KeysAsked[],
  subjects: ReadonlyMap<string, Subject>,
  window: { from: string; to: string },
  settings: AlertSettings,
): Finding[] {
  const keys = new Map<string, { distinct: Set<string>; entries: number }>();
  for (const a of asked) {
    const key = `${a.actorKind}|${a.actorId}`;
    let k = keys.get(key);
    if (!k) {
      k = { distinct: new Set(), entries: 0 };
      keys.set(key, k);
    }
    k.entries += 1;
    for (const one of a.keys) k.distinct.add(one);
  }
  const findings: Finding[] = [];
  for (const [key, { distinct, entries }] of keys) {
    const subject = subjects.get(key);
    if (!subject || distinct.size < settings.enumerationDistinctKeys) continue;
    findings.push({
      kind: 'enumeration',
      subject: plain(subject),
      windowFrom: window.from,
      windowTo: window.to,
      evidence: {
        count: distinct.size,
        entries,
        threshold: settings.enumerationDistinctKeys,
        windowMinutes: settings.enumerationWindowMinutes,
      },
      sample: 'keyed',
    });
  }
  return findings;
}

/** refusals: many refused requests (403, denied) by one subject in a short window. */
export function detectRefusals(
  current: readonly ActorHourActivity[],
  window: { from: string; to: string },
  settings: AlertSettings,
): Finding[] {
  const findings: Finding[] = [];
  for (const s of perSubject(current).values()) {
    if (s.refused < settings.refusalCount) continue;
    findings.push({
      kind: 'refusals',
      subject: plain(s),
      windowFrom: window.from,
      windowTo: window.to,
      evidence: {
        count: s.refused,
        threshold: settings.refusalCount,
        windowMinutes: settings.refusalWindowMinutes,
      },
      sample: 'refused',
    });
  }
  return findings;
}

function plain(s: Subject): Subject {
  return { kind: s.kind, id: s.id, name: s.name, departmentId: s.departmentId };
}
