import type { Purpose, SignatureAlgorithm } from '../../sharing/index.js';
import type { ExchangeResourceTable } from '../schema.js';

export const SUBSCRIPTION_MODES = ['pull', 'push'] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];

/**
 * `active` delivers; `paused` while the grant (or the hosted resource) does not allow it, with the
 * refusal's code as reason, rechecked now and then and resumed by itself once allowed again;
 * `dead_lettered` after too many failed pushes in a row, until someone retries; `deleted` is kept
 * for the record and never delivers again.
 */
export const SUBSCRIPTION_STATUSES = ['active', 'paused', 'dead_lettered', 'deleted'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ['delivered', 'failed', 'paused'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** A consumer's subscription to a resource's change feed; a push one is also its delivery outbox. */
export interface ExchangeSubscriptionTable {
  id: string;
  entry_id: string;
  consumer_department_id: string;
  consumer_jurisdiction_path: string;
  /** Who created it: deliveries are read on its behalf (an API client restricts the grant check). */
  owner_kind: 'user' | 'client';
  owner_id: string;
  owner_name: string;
  purpose: Purpose;
  mode: SubscriptionMode;
  url: string | null;
  algorithm: SignatureAlgorithm | null;
  /** The push secret sealed with the instance master key. */
  secret: string | null;
  status: SubscriptionStatus;
  /** The refusal code that paused it (`GRANT_REVOKED`…), or null. */
  status_reason: string | null;
  /** Every change up to this sequence number has been acknowledged by the receiver. */
  acked_seq: number;
  /** Failed pushes in a row of the batch after `acked_seq`. */
  attempts: number;
  failing_since: string | null;
  next_attempt_at: string;
  /** The worker holding the subscription, until `lease_until`: one sender at a time, on any node. */
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  last_status_code: number | null;
  last_attempt_at: string | null;
  last_delivered_at: string | null;
  delivered_changes: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The delivery-attempt log of push subscriptions. */
export interface ExchangeSubscriptionAttemptTable {
  id: string;
  subscription_id: string;
  at: string;
  from_seq: number;
  to_seq: number;
  changes: number;
  outcome: AttemptOutcome;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** A batch that exhausted its attempts; kept for the dead-letter view after a retry, marked retried. */
export interface ExchangeDeadLetterTable {
  id: string;
  subscription_id: string;
  from_seq: number;
  to_seq: number;
  changes: number;
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  first_failed_at: string;
  dead_lettered_at: string;
  retried_at: string | null;
  retried_by: string | null;
}

export interface SubscriptionTables {
  exchange_subscription: ExchangeSubscriptionTable;
  exchange_subscription_attempt: ExchangeSubscriptionAttemptTable;
  exchange_dead_letter: ExchangeDeadLetterTable;
  exchange_resource: ExchangeResourceTable;
}
