import type { CaseRowColumns, DecisionColumns, PartyColumns } from '../schema.js';

/**
 * A reply extension's life: `requested` by the provider's resource administrator, then
 * `approved` (the application's reply deadline moved) or `refused` by the competent authority.
 */
export const EXTENSION_STATUSES = ['requested', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** 延期答复: one per application (a unique application id), whatever became of it. */
export interface SharingReplyExtensionTable
  extends CaseRowColumns<ExtensionStatus>,
    PartyColumns,
    DecisionColumns {
  application_id: string;
  application_number: string;
  entry_name: string;
  reason: string;
  working_days: number;
  /** The reply deadline when the extension was asked for, and after it was approved. */
  due_date_before: string;
  due_date_after: string | null;
  /** The profile's `replyExtension` text and article the request was made under. */
  article: string;
  requested_by: string;
  requested_by_name: string;
}

export interface ExtensionTables {
  sharing_reply_extension: SharingReplyExtensionTable;
}
