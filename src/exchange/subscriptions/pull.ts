import type { RequestContext } from '../../platform/context/index.js';
import type { ExchangeAccess, OpenedRead, ReadStatement } from '../access.js';
import type { HostedResource, RecordVerification } from '../model.js';
import type { ExchangeDb } from '../schema.js';
import { type FeedPage, lastSeqOf, readChanges } from './feed.js';
import type { FeedPseudonyms } from './pseudonyms.js';
import type { ChangeSignal } from './signal.js';

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_WAIT_SECONDS = 30;

export interface PullQuery {
  after: number;
  limit: number;
  /** Seconds to wait for a change when there is none after `after` (long poll), 0–30. */
  wait: number;
}

/**
 * The pull feed (`changes after N`): a read of method `subscription`, checked and audited like
 * any other. A long poll waits on the change signal and re-checks the database every `pollMs`
 * (another node's commits never reach this process's signal), then writes its one access entry
 * — an empty answer is a read too, with no keys — before answering.
 */
export class PullFeed {
  constructor(
    private readonly deps: {
      db: ExchangeDb;
      access: ExchangeAccess<HostedResource>;
      signal: ChangeSignal;
      pollMs: number;
      pseudonyms: FeedPseudonyms;
      /** Records under verification, marked in each page (R83). */
      verification?: RecordVerification | undefined;
    },
  ) {}

  async pull(
    ctx: RequestContext,
    entryId: string,
    statement: ReadStatement,
    query: PullQuery,
    options: {
      /** Runs right after the access check, before any data is read (the rate limit). */
      opened?: (read: OpenedRead<HostedResource>) => Promise<void>;
      /** The client went away: stop waiting. */
      abort?: AbortSignal;
    } = {},
  ): Promise<FeedPage> {
    let read = await this.deps.access.open(ctx, entryId, 'subscription', statement);
    await options.opened?.(read);
    const readPage = async () => {
      const keyOf = await this.deps.pseudonyms.keyOf(read, ctx.actor.departmentId);
      return readChanges(
        this.deps.db,
        read.resource,
        read,
        query.after,
        query.limit,
        keyOf,
        this.deps.verification,
      );
    };
    let { page, keys } = await readPage();
    const deadline = Date.now() + Math.min(Math.max(query.wait, 0), MAX_WAIT_SECONDS) * 1000;
    while (page.changes.length === 0 && !options.abort?.aborted) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await this.deps.signal.wait(entryId, Math.min(left, this.deps.pollMs), options.abort);
      if ((await lastSeqOf(this.deps.db, read.resource.id)) <= query.after) continue;
      // The grant is asked again: it may have been revoked while the poll waited.
      read = await this.deps.access.open(ctx, entryId, 'subscription', statement);
      ({ page, keys } = await readPage());
    }
    await this.deps.access.recordRead(ctx, read, {
      keys,
      resultCount: page.changes.length,
      detail: {
        after: query.after,
        ...(page.changes.length ? { fromSeq: page.changes[0]?.seq, toSeq: page.changes.at(-1)?.seq } : {}),
        lastSeq: page.lastSeq,
      },
    });
    return page;
  }
}
