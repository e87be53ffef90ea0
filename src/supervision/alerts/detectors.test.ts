import { describe, expect, it } from 'vitest';
import type { ActorHourActivity } from '../../audit/index.js';
import { chinaHour, detectOffHours, detectVolume, median } from './detectors.js';
import { defaultAlertSettings } from './settings.js';

const WINDOW = { from: '2026-11-04T01:00:00.000Z', to: '2026-11-04T02:00:00.000Z' };
const hourOf = (reads: number, actorId = 'c1', hour = '2026-11-04T01'): ActorHourActivity => ({
  actorKind: 'client',
  actorId,
  actorName: `gs_${actorId}`,
  departmentId: 'd1',
  hour,
  reads,
  refused: 0,
});

describe('R65 the volume and off-hours detectors (issue 17)', () => {
  const settings = { ...defaultAlertSettings(), volumeFactor: 5, volumeFloor: 500, volumeBaselineDays: 14 };
  const days = (reads: number[]) => reads.map((n) => (n > 0 ? [hourOf(n)] : []));

  it('median of the baseline days, odd and even', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('flags reads above the floor and over k times the median of the same window of the previous days', () => {
    const baseline = days([100, 120, 90, 110, 100, 0, 0, 105, 95, 100, 130, 80, 0, 0]);
    const [finding, ...more] = detectVolume([hourOf(2000)], baseline, WINDOW, settings);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'volume',
      subject: { kind: 'client', id: 'c1', name: 'gs_c1', departmentId: 'd1' },
      evidence: { count: 2000, median: 97.5, factor: 5, floor: 500 },
    });
    // Oldest day first: the 14th day before is the first bar of the chart.
    const bars = finding?.evidence.baseline as { from: string; count: number }[];
    expect(bars).toHaveLength(14);
    expect(bars[0]).toEqual({ from: '2026-10-21T01:00:00.000Z', count: 0 });
    expect(bars[13]).toEqual({ from: '2026-11-03T01:00:00.000Z', count: 100 });
  });

  it('does not flag a client at its usual volume, nor a quiet one under the floor whatever its baseline', () => {
    const busy = days(Array(14).fill(1000));
    expect(detectVolume([hourOf(4000)], busy, WINDOW, settings)).toEqual([]);
    expect(detectVolume([hourOf(499)], days(Array(14).fill(0)), WINDOW, settings)).toEqual([]);
    expect(detectVolume([hourOf(500)], days(Array(14).fill(0)), WINDOW, settings)).toHaveLength(1);
  });

  it('off hours: China time, working hours [start, end) on working days, the calendar for the rest', () => {
    expect(chinaHour('2026-11-04T11')).toEqual({ date: '2026-11-04', hour: 19 });
    expect(chinaHour('2026-11-04T16')).toEqual({ date: '2026-11-05', hour: 0 });
    const s = { ...settings, workingHoursStart: 8, workingHoursEnd: 19, offHoursMinReads: 10 };
    const working = () => true;
    // 18:00 China is working time; 19:00 is not.
    expect(detectOffHours([hourOf(50, 'c1', '2026-11-04T10')], WINDOW, s, working)).toEqual([]);
    const late = detectOffHours([hourOf(50, 'c1', '2026-11-04T11')], WINDOW, s, working);
    expect(late[0]?.evidence).toMatchObject({ count: 50, nonWorkingDay: false });
    // Under the minimum, nothing; on a non-working day, even 10:00 counts.
    expect(detectOffHours([hourOf(9, 'c1', '2026-11-04T11')], WINDOW, s, working)).toEqual([]);
    const holiday = detectOffHours([hourOf(10, 'c1', '2026-11-04T02')], WINDOW, s, () => false);
    expect(holiday[0]?.evidence).toMatchObject({ count: 10, nonWorkingDay: true });
  });
});
