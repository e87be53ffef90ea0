import type { Purpose } from '../model.js';

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
export interface SharingAgreementTable {
  id: string;
  number: string;
  consumer_department_id: string;
  consumer_jurisdiction_path: string;
  provider_department_id: string;
  provider_jurisdiction_path: string;
  entry_id: string;
  entry_code: string;
  entry_name: string;
  items: string;
  purpose: Purpose;
  purpose_text: string | null;
  legal_duty: string;
  frequency: Frequency;
  methods: string;
  valid_from: string;
  valid_until: string;
  terms: string | null;
  status: AgreementStatus;
  proposed_by: string;
  proposed_by_name: string;
  signed_by: string | null;
  signed_at: string | null;
  filed_by: string | null;
  filed_at: string | null;
  filing_note: string | null;
  reason: string | null;
  grant_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgreementTables {
  sharing_agreement: SharingAgreementTable;
}
