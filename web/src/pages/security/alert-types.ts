/** Shapes of `/api/v1/supervision/alerts` as the security alerts page uses them. */

export const ALERTS_PATH = '/supervision/alerts';
export const ALERT_KINDS = ['volume', 'off_hours', 'enumeration', 'refusals'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertStatus = 'open' | 'acknowledged';
export type AlertSuspension = 'none' | 'suspended' | 'lifted';

export interface Label {
  zh: string;
  en: string;
}

export interface OffHour {
  date: string;
  hour: number;
  workingDay: boolean;
  count: number;
}

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
  hours?: OffHour[];
}

export interface SecurityAlert {
  id: string;
  kind: AlertKind;
  subject: {
    kind: 'user' | 'client';
    id: string;
    name: string;
    label: string | null;
    departmentId: string | null;
    departmentName: string | null;
  };
  windowFrom: string;
  windowTo: string;
  summary: Label;
  evidence: AlertEvidence;
  occurrences: number;
  status: AlertStatus;
  acknowledged: { by: { id: string; name: string }; at: string; note: string | null } | null;
  suspension: AlertSuspension;
  suspendedAt: string | null;
  lifted: { by: { id: string; name: string }; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface AlertList {
  items: SecurityAlert[];
  total: number;
}
