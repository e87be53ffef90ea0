import { sql } from 'kysely';
import type { AuditContext } from '../../audit/index.js';
import { newId } from '../../platform/db/index.js';
import type { AppError } from '../../platform/errors/index.js';
import type { ExchangeDeps } from '../index.js';
import type { ExchangeSubscriptionAttemptTable, ExchangeSubscriptionTable } from './schema.js';

type Row = ExchangeSubscriptionTable;
export type AttemptLog = Omit<ExchangeSubscriptionAttemptTable, 'outcome' | 'error'>;

/** The longest wait between two attempts of one batch. */
const MAX_BACKOFF_MS = 60 * 60_000;

/** The worker's own decisions (dead letter, pause, resume) are the platform's, not a person's. */
const SYSTEM: AuditContext = {};

/**
 * What the push worker writes after each step, each in one transaction that only the lease
 * holder's update can change: the moved cursor, the back-off or dead letter, a pause or resume,
 * with the attempt log row and (for decisions) the audit entry.
 */
export class DeliveryOutcomes {
  constructor(private readonly deps: Pick<ExchangeDeps, 'db' | 'audit' | 'config'>) {}

  /** The receiver acknowledged the batch: the cursor moves past it and the lease is renewed. */
  async delivered(sub: Row, lease: string, log: AttemptLog, leaseUntil: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('exchange_subscription')
        .set({
          acked_seq: log.to_seq,
          attempts: 0,
          failing_since: null,
          last_error: null,
          last_status_code: log.status_code,
          last_attempt_at: log.at,
          last_delivered_at: log.at,
          delivered_changes: sql`delivered_changes + ${log.changes}`,
          next_attempt_at: log.at,
          lease_until: leaseUntil,
          updated_at: log.at,
        })
        .where('id', '=', sub.id)
        .where('lease_owner', '=', lease)
        .where('acked_seq', '=', sub.acked_seq)
        .execute();
      await trx
        .insertInto('exchange_subscription_attempt')
        .values({ ...log, outcome: 'delivered', error: null })
        .execute();
    });
  }

  /**
   * The attempt failed: the batch waits `pushRetryBaseMs · 2^(n-1)` (at most an hour), or after
   * `pushMaxAttempts` failures in a row goes to the dead-letter view and the subscription stops.
   */
  async failed(sub: Row, lease: string, log: AttemptLog, error: string, at: Date): Promise<void> {
    const attempts = sub.attempts + 1;
    const dead = attempts >= this.deps.config.pushMaxAttempts;
    const delay = Math.min(this.deps.config.pushRetryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    const lastError = error.slice(0, 500);
    const failingSince = sub.failing_since ?? log.at;
    await this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('exchange_subscription')
        .set({
          status: dead ? 'dead_lettered' : 'active',
          attempts,
          failing_since: failingSince,
          last_error: lastError,
          last_status_code: log.status_code,
          last_attempt_at: log.at,
          next_attempt_at: new Date(at.getTime() + (dead ? 0 : delay)).toISOString(),
          lease_owner: null,
          lease_until: null,
          updated_at: log.at,
        })
        .where('id', '=', sub.id)
        .where('lease_owner', '=', lease)
        .where('status', '=', 'active')
        .executeTakeFirst();
      await trx
        .insertInto('exchange_subscription_attempt')
        .values({ ...log, outcome: 'failed', error: lastError })
        .execute();
      if (!dead || Number(updated.numUpdatedRows) !== 1) return;
      await trx
        .insertInto('exchange_dead_letter')
        .values({
          id: newId(at),
          subscription_id: sub.id,
          from_seq: log.from_seq,
          to_seq: log.to_seq,
          changes: log.changes,
          attempts,
          last_error: lastError,
          last_status_code: log.status_code,
          first_failed_at: failingSince,
          dead_lettered_at: log.at,
          retried_at: null,
          retried_by: null,
        })
        .execute();
      await this.deps.audit.record(trx, SYSTEM, {
        action: 'exchange.subscription.dead_letter',
        targetType: 'exchange_subscription',
        targetId: sub.id,
        category: 'decision',
        detail: {
          entryId: sub.entry_id,
          departmentId: sub.consumer_department_id,
          fromSeq: log.from_seq,
          toSeq: log.to_seq,
          attempts,
          lastError,
        },
      });
    });
  }

  /** No data leaves: the subscription waits, with the refusal as its visible reason. */
  async paused(sub: Row, lease: string, refusal: AppError, now: Date, recheckMs: number): Promise<void> {
    const at = now.toISOString();
    const changed = sub.status !== 'paused' || sub.status_reason !== refusal.code;
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('exchange_subscription')
        .set({
          status: 'paused',
          status_reason: refusal.code,
          last_error: `${refusal.localized('zh-CN')} / ${refusal.localized('en')}`.slice(0, 500),
          next_attempt_at: new Date(now.getTime() + recheckMs).toISOString(),
          lease_owner: null,
          lease_until: null,
          updated_at: at,
        })
        .where('id', '=', sub.id)
        .where('lease_owner', '=', lease)
        .where('status', 'in', ['active', 'paused'])
        .execute();
      if (!changed) return;
      const acked = Number(sub.acked_seq);
      await trx
        .insertInto('exchange_subscription_attempt')
        .values({
          id: newId(now),
          subscription_id: sub.id,
          at,
          from_seq: acked + 1,
          to_seq: acked,
          changes: 0,
          outcome: 'paused',
          status_code: null,
          error: refusal.code,
          duration_ms: 0,
        })
        .execute();
      await this.deps.audit.record(trx, SYSTEM, {
        action: 'exchange.subscription.pause',
        targetType: 'exchange_subscription',
        targetId: sub.id,
        category: 'decision',
        detail: { entryId: sub.entry_id, departmentId: sub.consumer_department_id, reason: refusal.code },
      });
    });
  }

  /** The grant allows again: delivery resumes from the acknowledged cursor. */
  async resumed(sub: Row, lease: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('exchange_subscription')
        .set({
          status: 'active',
          status_reason: null,
          last_error: null,
          attempts: 0,
          failing_since: null,
          updated_at: at,
        })
        .where('id', '=', sub.id)
        .where('lease_owner', '=', lease)
        .where('status', '=', 'paused')
        .execute();
      await this.deps.audit.record(trx, SYSTEM, {
        action: 'exchange.subscription.resume',
        targetType: 'exchange_subscription',
        targetId: sub.id,
        category: 'decision',
        detail: { entryId: sub.entry_id, departmentId: sub.consumer_department_id, was: sub.status_reason },
      });
    });
    sub.status = 'active';
    sub.attempts = 0;
    sub.failing_since = null;
  }
}
