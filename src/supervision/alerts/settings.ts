/** Where the alert settings are kept (one JSON value in the instance settings). */
export const ALERT_SETTINGS_KEY = 'supervision.alerts';

/** One numeric setting: its default and the bounds a change must stay within. */
interface Bounds {
  default: number;
  min: number;
  max: number;
}

/**
 * The detectors' thresholds, each with its default (issue 17, R65): the operator changes them in
 * the portal, audited; code never compares against a number of its own.
 */
export const ALERT_THRESHOLDS = {
  /** Minutes between two sweeps of the access trail. */
  intervalMinutes: { default: 5, min: 1, max: 1440 },
  /** volume: the window counted, the days of baseline before it, the factor over its median, the floor. */
  volumeWindowMinutes: { default: 60, min: 5, max: 1440 },
  volumeBaselineDays: { default: 14, min: 1, max: 60 },
  volumeFactor: { default: 5, min: 1, max: 1000 },
  volumeFloor: { default: 500, min: 1, max: 100_000_000 },
  /** off hours: working hours in China time, `[start, end)` whole hours, and the reads that make an alert. */
  workingHoursStart: { default: 8, min: 0, max: 23 },
  workingHoursEnd: { default: 19, min: 1, max: 24 },
  offHoursWindowMinutes: { default: 60, min: 5, max: 1440 },
  offHoursMinReads: { default: 20, min: 1, max: 100_000_000 },
  /** enumeration: distinct record keys asked for within the window. */
  enumerationWindowMinutes: { default: 10, min: 1, max: 1440 },
  enumerationDistinctKeys: { default: 200, min: 2, max: 100_000_000 },
  /** refusals: refused requests within the window. */
  refusalWindowMinutes: { default: 10, min: 1, max: 1440 },
  refusalCount: { default: 20, min: 2, max: 100_000_000 },
} as const satisfies Record<string, Bounds>;

export type AlertThreshold = keyof typeof ALERT_THRESHOLDS;
export const ALERT_THRESHOLD_NAMES = Object.keys(ALERT_THRESHOLDS) as AlertThreshold[];

export type AlertSettings = Record<AlertThreshold, number> & {
  /** An enumeration or volume alert on an API client suspends it (off unless the operator enables it). */
  autoSuspend: boolean;
};

export function defaultAlertSettings(): AlertSettings {
  const values = Object.fromEntries(ALERT_THRESHOLD_NAMES.map((n) => [n, ALERT_THRESHOLDS[n].default]));
  return { ...(values as Record<AlertThreshold, number>), autoSuspend: false };
}

/** The stored settings over the defaults; a value stored out of its bounds falls back to its default. */
export async function readAlertSettings(settings: {
  get(key: string): Promise<string | undefined>;
}): Promise<AlertSettings> {
  const merged = defaultAlertSettings();
  const stored = await settings.get(ALERT_SETTINGS_KEY);
  if (!stored) return merged;
  const parsed = JSON.parse(stored) as Partial<AlertSettings>;
  for (const name of ALERT_THRESHOLD_NAMES) {
    const value = parsed[name];
    const { min, max } = ALERT_THRESHOLDS[name];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
      merged[name] = value;
  }
  if (typeof parsed.autoSuspend === 'boolean') merged.autoSuspend = parsed.autoSuspend;
  return merged;
}
