/** Shapes of `/api/v1/supervision/alerts` as the security alerts page uses them. */
import type { ResponseOf } from '../../api/contract.ts';

export const ALERTS_PATH = '/supervision/alerts';

export type SecurityAlert = ResponseOf<`${typeof ALERTS_PATH}/${string}`>;
export type AlertKind = SecurityAlert['kind'];
export type AlertStatus = SecurityAlert['status'];
export const ALERT_KINDS = [
  'volume',
  'off_hours',
  'enumeration',
  'refusals',
] as const satisfies readonly AlertKind[];

/**
 * The figures an alert's evidence holds, by kind (a volume alert's baseline, an off-hours alert's
 * hours…). The contract leaves the evidence open beyond its count and samples, as each detector
 * records its own; `evidenceOf` is where the page reads it so.
 */
export interface AlertEvidence {
  count: number;
  sampleEntryIds: string[];
  median?: number;
  factor?: number;
  floor?: number;
  threshold?: number;
  entries?: number;
  minReads?: number;
  windowMinutes?: number;
  workingHours?: { start: number; end: number };
  baseline?: { from: string; count: number }[];
  hours?: { date: string; hour: number; workingDay: boolean; count: number }[];
}

export const evidenceOf = (alert: SecurityAlert): AlertEvidence => alert.evidence;
