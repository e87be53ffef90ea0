import type { Clock } from '../../platform/clock/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { AddressGuard } from '../../platform/net/index.js';
import type { SharingDb } from '../db.js';
import type { NoticeDeliveryTable } from './schema.js';
import { type Attempt, type Mailer, type NoticePayload, postWebhook } from './transports.js';

/** Minutes to wait after each failed attempt; after the last the delivery is `failed`. */
export const RETRY_MINUTES = [1, 5, 30, 120] as const;
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;
/** How long a claimed delivery is left to its worker before another may try it. */
const LEASE_MS = 2 * 60_000;

export interface DeliveryRunResult {
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Sends what the outbox holds, after the transactions that wrote it committed, so that a slow or
 * broken mail server or webhook never holds up or undoes a decision. Each due delivery is
 * claimed by a conditional update (a lease on `next_attempt_at`), so several workers or nodes
 * never send one twice at once; a failure is retried after 1, 5, 30 and 120 minutes, then
 * recorded as failed. Every attempt's outcome is kept on the row.
 */
export class DeliveryWorker {
  #running: Promise<DeliveryRunResult> | null = null;

  constructor(
    private readonly deps: {
      db: SharingDb;
      clock: Clock;
      box: SecretBox;
      mailer: Mailer | undefined;
      /** Prefix of the links in notices (the portal's public URL). */
      publicUrl: string;
      batchSize?: number;
      /** Where webhooks may go (SSRF): the department names the URL, the platform connects. */
      guard: AddressGuard;
      log: Pick<Logger, 'warn' | 'error'>;
    },
  ) {}

  /** One pass over the due deliveries; concurrent calls share the pass in progress. */
  run(): Promise<DeliveryRunResult> {
    if (!this.#running)
      this.#running = this.#pass().finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  async #pass(): Promise<DeliveryRunResult> {
    const result: DeliveryRunResult = { delivered: 0, retrying: 0, failed: 0 };
    const now = this.deps.clock.now();
    const due = await this.deps.db
      .selectFrom('notice_delivery')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('next_attempt_at')
      .limit(this.deps.batchSize ?? 100)
      .execute();
    for (const row of due) {
      if (!(await this.#claim(row, now))) continue;
      const attempt = await this.#attempt(row, now);
      const outcome = await this.#record(row, attempt, now);
      result[outcome]++;
      if (!attempt.ok) this.#logFailure(row, attempt, outcome);
    }
    return result;
  }

  /** A failed attempt is kept on the row and retried; the log tells the operator at once. */
  #logFailure(
    row: NoticeDeliveryTable,
    attempt: Attempt & { ok: false },
    outcome: keyof DeliveryRunResult,
  ): void {
    const detail = {
      job: 'sharing.notice-delivery',
      delivery: row.id,
      notice: row.notice_id,
      kind: row.kind,
      attempt: row.attempts + 1,
      error: attempt.error,
      statusCode: attempt.statusCode ?? null,
    };
    if (outcome === 'failed') this.deps.log.error(detail, 'notice delivery failed after its last attempt');
    else this.deps.log.warn(detail, 'notice delivery failed; it will be retried');
  }

  async #claim(row: NoticeDeliveryTable, now: Date): Promise<boolean> {
    const claimed = await this.deps.db
      .updateTable('notice_delivery')
      .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  async #attempt(row: NoticeDeliveryTable, now: Date): Promise<Attempt> {
    const payload = await this.#payload(row.notice_id);
    if (!payload) return { ok: false, error: 'notice not found' };
    if (row.kind === 'email') {
      if (!this.deps.mailer) return { ok: false, error: 'SMTP not configured' };
      return this.deps.mailer.send(row.target, payload);
    }
    const channel = row.channel_id
      ? await this.deps.db
          .selectFrom('notice_channel')
          .selectAll()
          .where('id', '=', row.channel_id)
          .executeTakeFirst()
      : undefined;
    if (!channel?.secret || !channel.algorithm) return { ok: false, error: 'channel removed' };
    return postWebhook(
      row.target,
      { algorithm: channel.algorithm, secret: this.deps.box.open(channel.secret) },
      row.id,
      payload,
      now,
      this.deps.guard,
    );
  }

  async #record(
    row: NoticeDeliveryTable,
    attempt: Attempt,
    now: Date,
  ): Promise<'delivered' | 'retrying' | 'failed'> {
    const attempts = row.attempts + 1;
    const db = this.deps.db;
    const statusCode = attempt.statusCode ?? null;
    if (attempt.ok) {
      await db
        .updateTable('notice_delivery')
        .set({ status: 'delivered', attempts, delivered_at: now.toISOString(), last_status_code: statusCode })
        .where('id', '=', row.id)
        .execute();
      return 'delivered';
    }
    const wait = RETRY_MINUTES[attempts - 1];
    const failed = wait === undefined;
    await db
      .updateTable('notice_delivery')
      .set({
        status: failed ? 'failed' : 'pending',
        attempts,
        last_error: attempt.error.slice(0, 500),
        last_status_code: statusCode,
        next_attempt_at: new Date(now.getTime() + (wait ?? 0) * 60_000).toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    return failed ? 'failed' : 'retrying';
  }

  async #payload(noticeId: string): Promise<NoticePayload | undefined> {
    const n = await this.deps.db
      .selectFrom('notice')
      .selectAll()
      .where('id', '=', noticeId)
      .executeTakeFirst();
    if (!n) return undefined;
    return {
      id: n.id,
      kind: n.kind,
      title: { zh: n.title_zh, en: n.title_en },
      body: { zh: n.body, en: n.body_en ?? n.body },
      link: n.link ? `${this.deps.publicUrl.replace(/\/$/, '')}${n.link}` : null,
      case: n.case_type && n.case_id ? { type: n.case_type, id: n.case_id } : null,
      createdAt: n.created_at,
    };
  }
}
