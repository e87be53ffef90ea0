import type { Purpose } from '../model.js';
import type { CaseRowColumns, EntryColumns, PartyColumns } from '../schema.js';

/** How often the consumer takes the data under an agreement (交换频率). */
export const FREQUENCIES = [
  'real_time',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'on_demand',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * An agreement's life (R35): proposed by the consumer, signed (or declined) by the provider,
 * filed (备案) with the authority — only then effective, with its grant — or refused filing.
 * The consumer may withdraw it until it is filed.
 */
export const AGREEMENT_STATUSES = [
  'proposed',
  'signed',
  'filed',
  'declined',
  'filing_refused',
  'withdrawn',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** 共享协议: a long-term, stable need covered by an agreement filed with the authority. */
export interface SharingAgreementTable extends CaseRowColumns<AgreementStatus>, PartyColumns, EntryColumns {
  items: string;
  purpose: Purpose;
  purpose_text: string | null;
  legal_duty: string;
  frequency: Frequency;
  methods: string;
  valid_from: string;
  valid_until: string;
  terms: string | null;
  proposed_by: string;
  proposed_by_name: string;
  signed_by: string | null;
  signed_at: string | null;
  filed_by: string | null;
  filed_at: string | null;
  filing_note: string | null;
  reason: string | null;
  grant_id: string | null;
}

export interface AgreementTables {
  sharing_agreement: SharingAgreementTable;
}
