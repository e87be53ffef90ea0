import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, formatDateTime } from '../src/lib/format.ts';

/**
 * The portal shows every time in China time (Asia/Shanghai), whatever the browser's zone: a reader
 * on a machine set to UTC sees the complaint filed at 10:00, not 02:00. Run under TZ=UTC (and a
 * zone behind UTC), the zone where the two differ.
 */
describe.each(['UTC', 'America/Los_Angeles'] as const)(
  'times in China time with the browser in %s',
  (zone) => {
    const before = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    });

    it('runs in the zone it names, where 02:00 UTC is not 10:00', () => {
      expect(new Date('2026-11-05T02:00:00Z').getHours()).toBe(zone === 'UTC' ? 2 : 18);
    });

    it('formats a timestamp in China time, in either language', () => {
      expect(formatDateTime('2026-11-05T02:00:00Z', 'zh-CN')).toBe('2026/11/05 10:00');
      expect(formatDateTime('2026-11-05T02:00:00.000Z', 'en')).toBe('05/11/2026, 10:00');
      // Past 16:00 UTC it is already the next day in China; midnight reads 00:00, not 24:00.
      expect(formatDateTime('2026-12-31T16:00:00Z', 'zh-CN')).toBe('2027/01/01 00:00');
      expect(formatDateTime('2026-11-05T10:00:00+08:00', 'zh-CN')).toBe('2026/11/05 10:00');
    });

    it('shows an absent time as a dash and an unreadable one as it came', () => {
      expect(formatDateTime(null, 'zh-CN')).toBe('—');
      expect(formatDateTime(undefined, 'en')).toBe('—');
      expect(formatDateTime('not a time', 'zh-CN')).toBe('not a time');
    });

    it("dates a moment by China's calendar day", () => {
      expect(chinaDate(new Date('2026-11-04T15:59:59Z'))).toBe('2026-11-04');
      expect(chinaDate(new Date('2026-11-04T16:00:00Z'))).toBe('2026-11-05');
      expect(chinaDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
  },
);
