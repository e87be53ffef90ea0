import type { Purpose } from '../model.js';
import type {
  CaseRowColumns,
  DecisionColumns,
  EntryColumns,
  PartyColumns,
  SharingGrantTable,
} from '../schema.js';

/**
 * A use-change request's life (N14): `requested` by the requesting department, then `approved`
 * (the consent is recorded on the grant) or `refused` by the provider, or `withdrawn` by the
 * requester before the provider decides.
 */
export const USE_CHANGE_STATUSES = ['requested', 'approved', 'refused', 'withdrawn'] as const;
export type UseChangeStatus = (typeof USE_CHANGE_STATUSES)[number];

/** 扩大使用范围、用于其他目的、提供给第三方 (809 第二十五条第一款): one request may ask for several. */
export interface SharingUseChangeTable
  extends CaseRowColumns<UseChangeStatus>,
    PartyColumns,
    EntryColumns,
    DecisionColumns {
  grant_id: string;
  /** JSON array of purpose codes beyond the grant's own (用于其他目的). */
  purposes: string;
  /** The wider use asked for (扩大使用范围), in the requester's words; null when not asked. */
  scope: string | null;
  /** JSON array of third parties the data would be passed to (提供给第三方). */
  third_parties: string;
  reason: string;
  requested_by: string;
  requested_by_name: string;
}

/** One consent of the provider, as the grant keeps it (`sharing_grant.use_consents`). */
export interface UseConsent {
  caseId: string;
  number: string;
  purposes: Purpose[];
  scope: string | null;
  thirdParties: string[];
  at: string;
  by: { id: string; name: string };
}

/** The grant's consents column (JSON array of `UseConsent`), added by this module's migration. */
export interface GrantConsentColumns {
  use_consents: string;
}

export interface UseChangeTables {
  sharing_use_change: SharingUseChangeTable;
  sharing_grant: SharingGrantTable & GrantConsentColumns;
}
