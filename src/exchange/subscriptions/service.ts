import type { ExchangeAccess } from '../access.js';
import type { HostingService } from '../hosting/index.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedResource } from '../model.js';
import { SubscriptionManager } from './manager.js';
import { FeedPseudonyms } from './pseudonyms.js';
import { PullFeed } from './pull.js';
import { changeSignal } from './signal.js';
import { PushWorker, type PushWorkerOptions } from './worker.js';

export type SubscriptionServiceDeps = ExchangeDeps & {
  access: ExchangeAccess<HostedResource>;
  hosting: HostingService;
};

/** How often a long poll re-reads the database for another node's commits. */
const LONG_POLL_CHECK_MS = 250;

/**
 * Subscriptions (订阅/推送, issue 6): the pull feed, the consumer's subscriptions, and the push
 * worker that `start` runs and `close` stops (waiting for the pushes in flight).
 */
export class SubscriptionService {
  readonly feed: PullFeed;
  readonly manager: SubscriptionManager;
  readonly worker: PushWorker;
  readonly #closing = new AbortController();
  /** Aborted when the platform shuts down: long polls answer at once instead of holding it up. */
  readonly closing: AbortSignal = this.#closing.signal;

  constructor(readonly deps: SubscriptionServiceDeps) {
    const pseudonyms = new FeedPseudonyms(deps);
    this.feed = new PullFeed({ ...deps, signal: changeSignal, pollMs: LONG_POLL_CHECK_MS, pseudonyms });
    this.worker = new PushWorker({ ...deps, signal: changeSignal, pseudonyms });
    this.manager = new SubscriptionManager(deps, () => this.worker.wake());
  }

  /** Starts the push worker; tests pass a short `pollMs`. */
  start(options: Partial<PushWorkerOptions> = {}): void {
    this.worker.start(options);
  }

  close(): Promise<void> {
    this.#closing.abort();
    return this.worker.close();
  }
}
