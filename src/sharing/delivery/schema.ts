import type { Role } from '../../org/index.js';

export const CHANNEL_KINDS = ['email', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** How a webhook body is signed: HMAC-SHA256 or the 国密 HMAC-SM3. */
export const SIGNATURE_ALGORITHMS = ['hmac-sha256', 'hmac-sm3'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Where a department's notices also go: an e-mail address or a webhook. `role` narrows the
 * channel to notices for the holders of that role (e.g. the authority's notices about the
 * jurisdiction it oversees); null takes every notice addressed to the department.
 */
export interface NoticeChannelTable {
  id: string;
  department_id: string;
  department_jurisdiction_path: string;
  role: Role | null;
  kind: ChannelKind;
  /** The e-mail address, or the webhook URL. */
  target: string;
  /** The webhook secret sealed with the instance master key (`SecretBox`). */
  secret: string | null;
  algorithm: SignatureAlgorithm | null;
  created_at: string;
  created_by: string | null;
}

/** The outbox: one row per notice and destination, written in the notice's transaction. */
export interface NoticeDeliveryTable {
  id: string;
  notice_id: string;
  channel_id: string | null;
  kind: ChannelKind;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the worker may next try; also the lease of a claimed row. */
  next_attempt_at: string;
  last_error: string | null;
  last_status_code: number | null;
  delivered_at: string | null;
  created_at: string;
}

export interface DeliveryTables {
  notice_channel: NoticeChannelTable;
  notice_delivery: NoticeDeliveryTable;
}
