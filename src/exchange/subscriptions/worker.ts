import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RequestContext } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import type { AppError } from '../../platform/errors/index.js';
import type { JobDefinition } from '../../platform/jobs/index.js';
import { AddressGuard } from '../../platform/net/index.js';
import type { Grant } from '../../sharing/index.js';
import type { ExchangeAccess, OpenedRead } from '../access.js';
import { ExchangeErrors } from '../errors.js';
import type { HostingService } from '../hosting/index.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedResource } from '../model.js';
import { type FeedRead, readChanges } from './feed.js';
import { type AttemptLog, DeliveryOutcomes } from './outcomes.js';
import type { FeedPseudonyms } from './pseudonyms.js';
import type { ExchangeSubscriptionTable } from './schema.js';
import type { ChangeSignal } from './signal.js';
import { type PushBody, postChanges } from './webhook.js';

export interface PushWorkerOptions {
  /** How often the worker looks for due subscriptions besides being woken by the change signal. */
  pollMs: number;
  /** A receiver must answer a push within this many milliseconds. */
  timeoutMs: number;
  /** A paused subscription's grant is asked again after this many milliseconds. */
  pauseRecheckMs: number;
  /** Changes per push. */
  batchSize: number;
  /** Subscriptions this process pushes to at once. */
  concurrency: number;
  /** Batches one subscription may send in a turn before it lets others have the slot. */
  batchesPerTurn: number;
}

export const DEFAULT_PUSH_OPTIONS: PushWorkerOptions = {
  pollMs: 1000,
  timeoutMs: 10_000,
  pauseRecheckMs: 60_000,
  batchSize: 100,
  concurrency: 4,
  batchesPerTurn: 50,
};

export type PushWorkerDeps = Pick<
  ExchangeDeps,
  'db' | 'audit' | 'clock' | 'grants' | 'box' | 'config' | 'log' | 'verification'
> & {
  access: Pick<ExchangeAccess<HostedResource>, 'recordRead'>;
  hosting: Pick<HostingService, 'resource'>;
  signal: ChangeSignal;
  pseudonyms: FeedPseudonyms;
};

type Row = ExchangeSubscriptionTable;

/** The push poll's job name, also named by the worker's log lines. */
const PUSH_JOB = 'exchange.subscription-push';

/**
 * Pushes each push subscription's changes to its URL, in order and at least once: a batch is the
 * next ≤ 100 changes after the acknowledged cursor; the cursor moves only when the receiver
 * answered 2xx, so batch k+1 never leaves before batch k is acknowledged. A subscription is held by
 * one worker at a time on any node through a lease (a conditional UPDATE, atomic on both
 * dialects); failures back off exponentially and, after `pushMaxAttempts` in a row, the batch goes
 * to the dead-letter view until someone retries. Before each attempt the grant is asked again: one
 * that stopped allowing pauses the subscription (no data sent) until it allows again. Every
 * attempt writes its access entry before the data leaves (a receiver that answered 500 may still
 * have read it), and the attempt's outcome in the delivery log.
 */
export class PushWorker {
  readonly #node = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  #options: PushWorkerOptions = DEFAULT_PUSH_OPTIONS;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #running = false;
  #closing = false;
  #ticking: Promise<void> | null = null;
  #again = false;
  readonly #inflight = new Map<string, Promise<void>>();
  readonly #outcomes: DeliveryOutcomes;
  /** Where pushes may go: the subscriber names the URL, the platform connects from inside (SSRF). */
  readonly #guard: AddressGuard;

  constructor(
    private readonly deps: PushWorkerDeps,
    options: Partial<PushWorkerOptions> = {},
  ) {
    this.#options = { ...DEFAULT_PUSH_OPTIONS, ...options };
    this.#outcomes = new DeliveryOutcomes(deps);
    this.#guard = new AddressGuard(() => deps.config.serviceAllowedNetworks ?? []);
  }

  start(options: Partial<PushWorkerOptions> = {}): void {
    if (this.#running) return;
    this.#options = { ...this.#options, ...options };
    this.#running = true;
    this.#closing = false;
    // pollMs 0: the platform's jobs runner polls through `pollJob` instead of a timer of our own.
    if (this.#options.pollMs > 0) {
      this.#timer = setInterval(() => this.wake(), this.#options.pollMs);
      this.#timer.unref();
    }
    this.#unsubscribe = this.deps.signal.subscribe(() => this.wake());
    this.wake();
  }

  /** Stops looking for work and waits for the pushes in flight (each ends its current batch). */
  async close(): Promise<void> {
    this.#closing = true;
    this.#running = false;
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    await this.#ticking;
    await Promise.all(this.#inflight.values());
  }

  /** Looks for due subscriptions now (a change was committed, a subscription was retried). */
  wake(): void {
    this.#look().catch((err: unknown) =>
      this.deps.log.error({ err, job: PUSH_JOB }, 'looking for due push subscriptions failed'),
    );
  }

  /**
   * The periodic look for due subscriptions (retries coming due, paused grants to ask again), for
   * the platform's jobs runner: every node polls, each subscription is still pushed by one worker
   * at a time through its own lease. Rejects when the look itself failed, so the runner logs it.
   */
  pollJob(everyMs = DEFAULT_PUSH_OPTIONS.pollMs): JobDefinition {
    return {
      name: PUSH_JOB,
      label: { zh: '订阅推送轮询', en: 'Subscription push poll' },
      every: everyMs,
      scope: 'node',
      run: () => (this.#running ? this.#look() : Promise.resolve()),
    };
  }

  /** Starts a look unless one is under way (then it looks again after); resolves when it ends. */
  #look(): Promise<void> {
    if (this.#closing) return Promise.resolve();
    if (this.#ticking) {
      this.#again = true;
      return this.#ticking;
    }
    const tick = this.#tick();
    // Whoever asked for the look reports its failure; `#ticking` only tells when it is over.
    this.#ticking = tick
      .catch(() => undefined)
      .finally(() => {
        this.#ticking = null;
        if (this.#again && !this.#closing) {
          this.#again = false;
          this.wake();
        }
      });
    return tick;
  }

  /** One look for due subscriptions, then waits for what it started: for tests and the CLI. */
  async runOnce(): Promise<void> {
    const closing = this.#closing;
    this.#closing = false;
    try {
      await this.#ticking;
      await this.#tick();
      await Promise.all(this.#inflight.values());
    } finally {
      this.#closing = closing;
    }
  }

  async #tick(): Promise<void> {
    const free = this.#options.concurrency - this.#inflight.size;
    if (free <= 0) return;
    const at = this.deps.clock.now().toISOString();
    let query = this.deps.db
      .selectFrom('exchange_subscription as s')
      .innerJoin('exchange_resource as r', 'r.entry_id', 's.entry_id')
      .selectAll('s')
      .where('s.mode', '=', 'push')
      .where('s.next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('s.lease_until', 'is', null), eb('s.lease_until', '<', at)]))
      .where((eb) =>
        eb.or([
          eb.and([eb('s.status', '=', 'active'), eb('r.last_seq', '>', eb.ref('s.acked_seq'))]),
          eb('s.status', '=', 'paused'),
        ]),
      );
    if (this.#inflight.size) query = query.where('s.id', 'not in', [...this.#inflight.keys()]);
    const due = await query.orderBy('s.next_attempt_at').limit(free).execute();
    for (const row of due) {
      if (this.#closing || this.#inflight.size >= this.#options.concurrency) break;
      const lease = await this.#claim(row, at);
      if (!lease) continue;
      const task = this.#turn(row.id, lease)
        .catch((err: unknown) =>
          this.deps.log.error({ err, job: PUSH_JOB, subscription: row.id }, 'push to a subscription failed'),
        )
        .finally(() => {
          this.#inflight.delete(row.id);
          if (this.#running) this.wake();
        });
      this.#inflight.set(row.id, task);
    }
  }

  #leaseUntil(now: Date): string {
    return new Date(now.getTime() + 2 * this.#options.timeoutMs + 60_000).toISOString();
  }

  async #claim(row: Row, at: string): Promise<string | undefined> {
    const lease = `${this.#node}/${newId()}`;
    const claimed = await this.deps.db
      .updateTable('exchange_subscription')
      .set({ lease_owner: lease, lease_until: this.#leaseUntil(this.deps.clock.now()) })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1 ? lease : undefined;
  }

  /** Sends batches while there are changes, they are acknowledged and the turn lasts. */
  async #turn(id: string, lease: string): Promise<void> {
    try {
      for (let n = 0; n < this.#options.batchesPerTurn && !this.#closing; n++) {
        const sub = await this.#held(id, lease);
        if (!sub || (await this.#step(sub, lease)) === 'stop') return;
      }
      await this.#release(id, lease);
    } catch (error) {
      // Our own failure (database, audit trail), not the receiver's: no attempt is counted, the
      // subscription waits one retry interval so that a lasting fault does not spin.
      const now = this.deps.clock.now();
      await this.#release(id, lease, {
        last_error: `platform: ${(error as Error).message}`.slice(0, 500),
        next_attempt_at: new Date(now.getTime() + this.deps.config.pushRetryBaseMs).toISOString(),
      }).catch((err: unknown) =>
        this.deps.log.error({ err, job: PUSH_JOB, subscription: id }, 'releasing a push subscription failed'),
      );
      throw error;
    }
  }

  async #held(id: string, lease: string): Promise<Row | undefined> {
    return this.deps.db
      .selectFrom('exchange_subscription')
      .selectAll()
      .where('id', '=', id)
      .where('lease_owner', '=', lease)
      .where('status', 'in', ['active', 'paused'])
      .executeTakeFirst();
  }

  async #release(id: string, lease: string, set: Partial<Row> = {}): Promise<void> {
    await this.deps.db
      .updateTable('exchange_subscription')
      .set({ ...set, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', lease)
      .execute();
  }

  /** One batch: 'more' when the receiver acknowledged it and more may follow. */
  async #step(sub: Row, lease: string): Promise<'more' | 'stop'> {
    const now = this.deps.clock.now();
    const allowed = await this.#allowed(sub, now);
    if ('refusal' in allowed) {
      await this.#outcomes.paused(sub, lease, allowed.refusal, now, this.#options.pauseRecheckMs);
      return 'stop';
    }
    if (sub.status === 'paused') await this.#outcomes.resumed(sub, lease, now);
    const read = openedRead(allowed.resource, allowed.grant, sub);
    const keyOf = await this.deps.pseudonyms.keyOf(read, sub.consumer_department_id);
    const feed = await readChanges(
      this.deps.db,
      allowed.resource,
      read,
      Number(sub.acked_seq),
      this.#options.batchSize,
      keyOf,
      this.deps.verification,
    );
    const { page } = feed;
    if (page.changes.length === 0) {
      await this.#release(sub.id, lease, { updated_at: now.toISOString() });
      return 'stop';
    }
    const delivered = await this.#attempt(sub, lease, read, feed, now);
    if (!delivered || !page.hasMore) {
      if (delivered) await this.#release(sub.id, lease);
      return 'stop';
    }
    return 'more';
  }

  /** The hosted resource and the grant, asked as at each delivery (R58), or why not. */
  async #allowed(
    sub: Row,
    now: Date,
  ): Promise<{ resource: HostedResource; grant: Grant } | { refusal: AppError }> {
    const resource = await this.deps.hosting.resource(sub.entry_id);
    if (!resource) return { refusal: ExchangeErrors.error('EXCHANGE_NOT_HOSTED', { entryId: sub.entry_id }) };
    if (resource.status !== 'active')
      return { refusal: ExchangeErrors.error('EXCHANGE_RESOURCE_SUSPENDED', { code: resource.entry.code }) };
    const answer = await this.deps.grants.check({
      consumerDepartmentId: sub.consumer_department_id,
      clientId: sub.owner_kind === 'client' ? sub.owner_id : undefined,
      entryId: sub.entry_id,
      items: [],
      purpose: sub.purpose,
      method: 'subscription',
      at: now,
    });
    if (!answer.allowed) return { refusal: answer.error };
    return { resource, grant: answer.grant };
  }

  async #attempt(sub: Row, lease: string, read: OpenedRead, feed: FeedRead, now: Date): Promise<boolean> {
    const { page } = feed;
    const fromSeq = page.changes[0]?.seq ?? 0;
    const toSeq = page.changes.at(-1)?.seq ?? 0;
    const attemptId = newId(now);
    const payload: PushBody = {
      subscriptionId: sub.id,
      entryId: sub.entry_id,
      changes: page.changes,
      lastSeq: page.lastSeq,
    };
    // The trace first: no data leaves without its entry (a failed write sends nothing).
    await this.deps.access.recordRead(ownerContext(sub, attemptId), read, {
      keys: feed.keys,
      resultCount: page.changes.length,
      detail: { subscriptionId: sub.id, attemptId, attempt: sub.attempts + 1, fromSeq, toSeq, url: sub.url },
    });
    const started = performance.now();
    const outcome = await postChanges(
      sub.url ?? '',
      { algorithm: sub.algorithm ?? 'hmac-sm3', secret: this.deps.box.open(sub.secret ?? '') },
      attemptId,
      JSON.stringify(payload),
      sub.id,
      now,
      this.#options.timeoutMs,
      this.#guard,
    );
    const durationMs = Math.round(performance.now() - started);
    const at = this.deps.clock.now();
    const log: AttemptLog = {
      id: attemptId,
      subscription_id: sub.id,
      at: at.toISOString(),
      from_seq: fromSeq,
      to_seq: toSeq,
      changes: page.changes.length,
      status_code: outcome.statusCode ?? null,
      duration_ms: durationMs,
    };
    if (outcome.ok) {
      await this.#outcomes.delivered(sub, lease, log, this.#leaseUntil(at));
      return true;
    }
    await this.#outcomes.failed(sub, lease, log, outcome.error, at);
    return false;
  }
}

/** Deliveries are reads on behalf of whoever created the subscription. */
function ownerContext(sub: Row, attemptId: string): RequestContext {
  return {
    actor: {
      kind: sub.owner_kind,
      id: sub.owner_id,
      name: sub.owner_name,
      departmentId: sub.consumer_department_id,
      jurisdictionPath: sub.consumer_jurisdiction_path,
      roles: [],
    },
    requestId: `push:${attemptId}`,
  };
}

/**
 * What `ExchangeAccess.open` would answer for this subscription: the active granted items, the
 * personal ones not granted in clear masked. Asked without an actor's roles: the grant check,
 * not the creator's session, decides at delivery time.
 */
function openedRead(resource: HostedResource, grant: Grant, sub: Row): OpenedRead<HostedResource> {
  const columns = resource.columns.filter((c) => c.active && grant.items.includes(c.item));
  const clear = new Set(grant.clearItems);
  const masked = new Set(columns.filter((c) => c.personal && !clear.has(c.item)).map((c) => c.item));
  return { resource, grant, method: 'subscription', statement: { purpose: sub.purpose }, columns, masked };
}
