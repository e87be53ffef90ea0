import type { CaseRowColumns, EntryColumns, PartyColumns } from '../schema.js';

/**
 * A stop's life (R11): `pending_approval` where the profile needs the government's approval,
 * `filed` (scheduled, holders told) until its effective date, then `effective` (grants ended);
 * or `rejected`, or `withdrawn` by the provider before it takes effect.
 */
export const STOP_STATUSES = ['pending_approval', 'filed', 'effective', 'rejected', 'withdrawn'] as const;
export type StopStatus = (typeof STOP_STATUSES)[number];

/**
 * 停止提供: a provider stops providing a published resource, with its reason, filed in advance.
 * The provider is both parties of the case (the holders are told, not parties).
 */
export interface SharingStopTable extends CaseRowColumns<StopStatus>, PartyColumns, EntryColumns {
  reason: string;
  effective_date: string;
  /** The profile's `removal` rule and article the stop was filed under. */
  rule: string;
  rule_article: string | null;
  filed_by: string;
  filed_by_name: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  holders_noticed: number;
  grants_ended: number;
}

export interface StopTables {
  sharing_stop: SharingStopTable;
}
