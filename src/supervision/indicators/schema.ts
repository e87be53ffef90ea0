import type { SupervisionAlertTable } from '../alerts/schema.js';
import type { ViolationTables } from '../violations/schema.js';

/** Whom a stored indicator value is about: one department, or every department of a jurisdiction's subtree. */
export type IndicatorSubject = 'department' | 'jurisdiction';

/**
 * One indicator's value for one subject on one day (China time). Shares keep their numerator and
 * denominator, so that a longer period sums them rather than averaging the days' shares.
 */
export interface SupervisionIndicatorDayTable {
  day: string;
  subject_kind: IndicatorSubject;
  /** The department's id, or the jurisdiction's. */
  subject_id: string;
  /** The subject's name when computed: the series read without asking org for each row. */
  subject_name: string;
  /** The department (null on a jurisdiction's row). */
  department_id: string | null;
  /** The department's jurisdiction, or the jurisdiction itself; scope filters on its path. */
  jurisdiction_id: string;
  jurisdiction_path: string;
  indicator: string;
  /** The share (0–1), count or score; null where nothing could be measured. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  computed_at: string;
}

/** Every supervision table: the indicators', the alerts' and the violations' (`../violations/schema.ts`). */
export interface SupervisionTables extends ViolationTables {
  supervision_indicator_day: SupervisionIndicatorDayTable;
  /** The security alerts on the access trail (`../alerts/schema.ts`). */
  supervision_alert: SupervisionAlertTable;
}
