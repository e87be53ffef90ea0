import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { Purpose, SignatureAlgorithm } from '../../sharing/index.js';
import type {
  AttemptOutcome,
  ExchangeDeadLetterTable,
  ExchangeSubscriptionAttemptTable,
  ExchangeSubscriptionTable,
  SubscriptionMode,
  SubscriptionStatus,
  SubscriptionTables,
} from './schema.js';

export const subscriptionTables = (executor: Executor): Kysely<SubscriptionTables> =>
  executor as unknown as Kysely<SubscriptionTables>;

/** A subscription as its department sees it; never the secret. */
export interface Subscription {
  id: string;
  entryId: string;
  entryCode: string | null;
  entryName: string | null;
  departmentId: string;
  purpose: Purpose;
  mode: SubscriptionMode;
  url: string | null;
  algorithm: SignatureAlgorithm | null;
  status: SubscriptionStatus;
  /** Why it is paused (`GRANT_REVOKED`…), with the message in `lastError`. */
  statusReason: string | null;
  /** Changes up to this sequence number were acknowledged (push). */
  ackedSeq: number;
  /** The resource's last sequence number now. */
  lastSeq: number;
  /** Changes waiting to be pushed. */
  lag: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastStatusCode: number | null;
  lastAttemptAt: string | null;
  lastDeliveredAt: string | null;
  deliveredChanges: number;
  createdAt: string;
  createdBy: { kind: 'user' | 'client'; id: string; name: string };
}

export interface DeadLetter {
  id: string;
  fromSeq: number;
  toSeq: number;
  changes: number;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  firstFailedAt: string;
  deadLetteredAt: string;
  retriedAt: string | null;
}

export interface DeliveryAttempt {
  id: string;
  at: string;
  fromSeq: number;
  toSeq: number;
  changes: number;
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export type SubscriptionRow = ExchangeSubscriptionTable & {
  entry_code: string | null;
  entry_name: string | null;
  last_seq: number | null;
};

/** Subscriptions joined to their resource's name and last sequence number. */
export function subscriptionQuery(executor: Executor) {
  return subscriptionTables(executor)
    .selectFrom('exchange_subscription as s')
    .leftJoin('exchange_resource as r', 'r.entry_id', 's.entry_id')
    .selectAll('s')
    .select(['r.entry_code as entry_code', 'r.entry_name as entry_name', 'r.last_seq as last_seq']);
}

export function toSubscription(row: SubscriptionRow): Subscription {
  const ackedSeq = Number(row.acked_seq);
  const lastSeq = Number(row.last_seq ?? 0);
  const push = row.mode === 'push';
  return {
    id: row.id,
    entryId: row.entry_id,
    entryCode: row.entry_code,
    entryName: row.entry_name,
    departmentId: row.consumer_department_id,
    purpose: row.purpose,
    mode: row.mode,
    url: row.url,
    algorithm: row.algorithm,
    status: row.status,
    statusReason: row.status_reason,
    ackedSeq,
    lastSeq,
    lag: push ? Math.max(0, lastSeq - ackedSeq) : 0,
    attempts: row.attempts,
    nextAttemptAt: push && (row.status === 'active' || row.status === 'paused') ? row.next_attempt_at : null,
    lastError: row.last_error,
    lastStatusCode: row.last_status_code,
    lastAttemptAt: row.last_attempt_at,
    lastDeliveredAt: row.last_delivered_at,
    deliveredChanges: Number(row.delivered_changes),
    createdAt: row.created_at,
    createdBy: { kind: row.owner_kind, id: row.owner_id, name: row.owner_name },
  };
}

export function toDeadLetter(row: ExchangeDeadLetterTable): DeadLetter {
  return {
    id: row.id,
    fromSeq: Number(row.from_seq),
    toSeq: Number(row.to_seq),
    changes: row.changes,
    attempts: row.attempts,
    lastError: row.last_error,
    lastStatusCode: row.last_status_code,
    firstFailedAt: row.first_failed_at,
    deadLetteredAt: row.dead_lettered_at,
    retriedAt: row.retried_at,
  };
}

export function toAttempt(row: ExchangeSubscriptionAttemptTable): DeliveryAttempt {
  return {
    id: row.id,
    at: row.at,
    fromSeq: Number(row.from_seq),
    toSeq: Number(row.to_seq),
    changes: row.changes,
    outcome: row.outcome,
    statusCode: row.status_code,
    error: row.error,
    durationMs: row.duration_ms,
  };
}
