import type { RequestContext } from '../../platform/context/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import { PURPOSES } from '../../sharing/index.js';
import { ExchangeAccess, type OpenedRead, type ReadStatement } from '../access.js';
import { ExchangeErrors } from '../errors.js';
import type { ExchangeDeps } from '../index.js';
import type { Change, HostedResource } from '../model.js';
import { FeedPseudonyms } from '../subscriptions/pseudonyms.js';
import { keyColumns } from './columns.js';

export interface ChangeLogPage {
  changes: Change[];
  lastSeq: number;
  hasMore: boolean;
}

export interface ChangeLogQuery {
  after?: number | undefined;
  limit?: number | undefined;
}

/** Options of a change-log read. */
export interface ChangeLogOptions {
  /** Runs after a consumer's grant is checked, before any change is read (the rate limit). */
  opened?: (read: OpenedRead<HostedResource>) => Promise<void>;
}

/** What a reader who states no purpose is recorded as reading for (the provider, platform staff). */
const UNSTATED: ReadStatement = { purpose: 'other' };

/**
 * The change log of a hosted resource names every record key — for a resource of persons, every
 * resident ID number — so it is read like the records themselves (issue 12): the provider's own
 * users and systems see the keys; a consumer needs a grant for a subscription read and sees keys
 * as its change feed shows them (pseudonymised unless the key items are granted in clear); platform
 * staff who oversee the resource see the audit trail's keyed digests (the ones a person's access
 * report searches by), never the keys. Every read writes one access entry naming the keys read,
 * before anything is answered; anyone else is refused, and the refusal is audited.
 */
export class ChangeLogReader {
  readonly #access: ExchangeAccess<HostedResource>;
  readonly #pseudonyms: FeedPseudonyms;

  constructor(
    private readonly deps: ExchangeDeps & {
      resource(entryId: string): Promise<HostedResource | undefined>;
    },
  ) {
    this.#access = new ExchangeAccess<HostedResource>({
      grants: deps.grants,
      audit: deps.audit,
      clock: deps.clock,
      resource: (entryId) => deps.resource(entryId),
    });
    this.#pseudonyms = new FeedPseudonyms(deps);
  }

  /** The access check of consumers' change-log reads, for the rate limit's refusals. */
  get access(): ExchangeAccess<HostedResource> {
    return this.#access;
  }

  /**
   * Reads the changes after `query.after`, oldest first. `statement` is the reader's purpose; a
   * consumer must state one (as for every data read), the provider and platform staff may.
   */
  async read(
    ctx: RequestContext,
    entryId: string,
    statement: ReadStatement | undefined,
    query: ChangeLogQuery,
    options: ChangeLogOptions = {},
  ): Promise<ChangeLogPage> {
    const { actor } = ctx;
    const resource = await this.deps.resource(entryId);
    const stated = statement ?? UNSTATED;
    const detail = { view: 'change_log', after: query.after ?? 0, purposeStated: statement !== undefined };
    if (!resource)
      return this.#access.refuse(
        ctx,
        entryId,
        'subscription',
        stated,
        ExchangeErrors.error('EXCHANGE_NOT_HOSTED', { entryId }),
      );
    const standing = this.#access.standingOf(actor, resource);
    if (standing === 'consumer') {
      if (!statement)
        throw ExchangeErrors.error('EXCHANGE_PURPOSE_REQUIRED', { allowed: PURPOSES.join(', ') });
      const read = await this.#access.open(ctx, entryId, 'subscription', statement);
      await options.opened?.(read);
      const keyOf = await this.#pseudonyms.keyOf(read, actor.departmentId);
      const { page, keys } = await this.#page(read.resource, query, keyOf);
      await this.#access.recordRead(ctx, read, { keys, resultCount: page.changes.length, detail });
      return page;
    }
    if (standing === undefined)
      return this.#access.refuse(
        ctx,
        entryId,
        'subscription',
        stated,
        CommonErrors.error('FORBIDDEN', { action: 'exchange.read' }),
      );
    const keyOf = standing === 'provider' ? (key: string) => key : this.#digestOf(resource);
    const { page, keys } = await this.#page(resource, query, keyOf);
    await this.#access.recordUngranted(ctx, resource, {
      method: 'subscription',
      statement: stated,
      standing,
      keys,
      resultCount: page.changes.length,
      detail,
    });
    return page;
  }

  /** What platform staff see of a key: the audit trail's keyed digest, marked as not a key. */
  #digestOf(resource: HostedResource): (key: string) => string {
    const columns = keyColumns(resource.columns);
    const kind = columns.length === 1 ? (columns[0]?.keyKind ?? 'other') : 'other';
    return (key) => `~${this.deps.audit.subjectDigest(kind, key)}`;
  }

  async #page(
    resource: HostedResource,
    query: ChangeLogQuery,
    keyOf: (key: string) => string,
  ): Promise<{ page: ChangeLogPage; keys: string[] }> {
    const limit = query.limit ?? 100;
    const rows = await this.deps.db
      .selectFrom('exchange_change')
      .select(['seq', 'op', 'key', 'at', 'source'])
      .where('resource_id', '=', resource.id)
      .where('seq', '>', query.after ?? 0)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const shown = rows.slice(0, limit);
    return {
      page: {
        changes: shown.map((r) => ({ ...r, seq: Number(r.seq), key: keyOf(r.key) })),
        lastSeq: resource.lastSeq,
        hasMore: rows.length > limit,
      },
      keys: [...new Set(shown.map((r) => r.key))],
    };
  }
}
