import { authorize, isAllowed } from '../../org/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { randomSecret } from '../../platform/crypto/index.js';
import { newId } from '../../platform/db/index.js';
import { AddressGuard } from '../../platform/net/index.js';

import type { Purpose, SignatureAlgorithm } from '../../sharing/index.js';
import { ExchangeErrors } from '../errors.js';
import type { HostingService } from '../hosting/index.js';
import type { ExchangeDeps } from '../index.js';
import { ExchangeActions } from '../policies.js';
import { SubscriptionErrors } from './errors.js';
import type { ExchangeSubscriptionTable, SubscriptionMode, SubscriptionStatus } from './schema.js';
import {
  type DeadLetter,
  type DeliveryAttempt,
  type Subscription,
  type SubscriptionRow,
  subscriptionQuery,
  toAttempt,
  toDeadLetter,
  toSubscription,
} from './store.js';

export interface NewSubscription {
  entryId: string;
  purpose: Purpose;
  mode: SubscriptionMode;
  url?: string | undefined;
  algorithm?: SignatureAlgorithm | undefined;
  /** Push changes after this sequence number; default: the resource's last one (changes from now on). */
  fromSeq?: number | undefined;
}

export type SubscriptionDeps = Pick<
  ExchangeDeps,
  'db' | 'audit' | 'clock' | 'grants' | 'box' | 'cryptoSuite' | 'config'
> & {
  hosting: Pick<HostingService, 'resource'>;
};

const MANAGE = ExchangeActions['exchange.subscription.manage'];

/**
 * A consumer department's subscriptions to the change feeds of resources it holds a grant of
 * method `subscription` for: pull (the department reads `changes after N` itself) or push (the
 * platform POSTs each batch of changes to the department's URL, signed). Created, deleted and
 * retried by the department's users and systems, each step audited; another department's
 * subscription does not exist for them.
 */
export class SubscriptionManager {
  readonly #guard: AddressGuard;

  constructor(
    private readonly deps: SubscriptionDeps,
    /** Wakes the push worker (a retried subscription is due now). */
    private readonly wake: () => void = () => {},
  ) {
    this.#guard = new AddressGuard(() => deps.config.serviceAllowedNetworks ?? []);
  }

  async create(
    ctx: RequestContext,
    input: NewSubscription,
  ): Promise<{ subscription: Subscription; secret: string | null }> {
    const { actor } = ctx;
    authorize(actor, MANAGE, { departmentId: actor.departmentId });
    const resource = await this.deps.hosting.resource(input.entryId);
    if (!resource) throw ExchangeErrors.error('EXCHANGE_NOT_HOSTED', { entryId: input.entryId });
    const now = this.deps.clock.now();
    const answer = await this.deps.grants.check({
      consumerDepartmentId: actor.departmentId,
      clientId: actor.kind === 'client' ? actor.id : undefined,
      entryId: input.entryId,
      items: [],
      purpose: input.purpose,
      method: 'subscription',
      at: now,
    });
    if (!answer.allowed) throw answer.error;
    const push = input.mode === 'push';
    const url = push ? await this.#checkAddress(checkUrl(input.url)) : undefined;
    if (!push && input.url !== undefined)
      throw SubscriptionErrors.error('EXCHANGE_SUBSCRIPTION_URL_INVALID', {
        field: '/url',
        reason: { zh: '拉取订阅不接收推送地址', en: 'a pull subscription takes no URL' },
      });
    const fromSeq = input.fromSeq ?? resource.lastSeq;
    if (fromSeq > resource.lastSeq)
      throw SubscriptionErrors.error('EXCHANGE_SUBSCRIPTION_FROM_SEQ_INVALID', {
        field: '/fromSeq',
        fromSeq,
        lastSeq: resource.lastSeq,
      });
    const secret = push ? randomSecret(32) : null;
    const at = now.toISOString();
    const row: ExchangeSubscriptionTable = {
      id: newId(now),
      entry_id: input.entryId,
      consumer_department_id: actor.departmentId,
      consumer_jurisdiction_path: actor.jurisdictionPath,
      owner_kind: actor.kind,
      owner_id: actor.id,
      owner_name: actor.name,
      purpose: input.purpose,
      mode: input.mode,
      url: url ?? null,
      algorithm: push
        ? (input.algorithm ?? (this.deps.cryptoSuite === 'sm' ? 'hmac-sm3' : 'hmac-sha256'))
        : null,
      secret: secret === null ? null : this.deps.box.seal(secret),
      status: 'active',
      status_reason: null,
      acked_seq: fromSeq,
      attempts: 0,
      failing_since: null,
      next_attempt_at: at,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      last_status_code: null,
      last_attempt_at: null,
      last_delivered_at: null,
      delivered_changes: 0,
      created_at: at,
      created_by: actor.id,
      updated_at: at,
      deleted_at: null,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('exchange_subscription').values(row).execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.subscription.create',
        targetType: 'exchange_subscription',
        targetId: row.id,
        detail: {
          entryId: row.entry_id,
          mode: row.mode,
          purpose: row.purpose,
          url: row.url,
          algorithm: row.algorithm,
          fromSeq,
          grantId: answer.grant.id,
        },
      });
    });
    if (push) this.wake();
    return { subscription: await this.get(actor, row.id), secret };
  }

  /** The department's subscriptions, newest first; deleted ones are left out. */
  async list(
    actor: Actor,
    filter: { entryId?: string | undefined; status?: SubscriptionStatus | undefined } = {},
  ): Promise<Subscription[]> {
    authorize(actor, MANAGE, { departmentId: actor.departmentId });
    let query = subscriptionQuery(this.deps.db)
      .where('s.consumer_department_id', '=', actor.departmentId)
      .where('s.status', '<>', 'deleted');
    if (filter.entryId) query = query.where('s.entry_id', '=', filter.entryId);
    if (filter.status) query = query.where('s.status', '=', filter.status);
    const rows = await query.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(1000).execute();
    return rows.map((r) => toSubscription(r as SubscriptionRow));
  }

  async get(actor: Actor, id: string): Promise<Subscription> {
    return toSubscription(await this.#row(actor, id));
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const row = await this.#row(ctx.actor, id);
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('exchange_subscription')
        .set({ status: 'deleted', deleted_at: at, updated_at: at })
        .where('id', '=', id)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.subscription.delete',
        targetType: 'exchange_subscription',
        targetId: id,
        detail: { entryId: row.entry_id, mode: row.mode, ackedSeq: Number(row.acked_seq) },
      });
    });
  }

  /** Batches that ran out of attempts, newest first (retried ones stay, marked). */
  async deadLetters(actor: Actor, id: string): Promise<DeadLetter[]> {
    await this.#row(actor, id);
    const rows = await this.deps.db
      .selectFrom('exchange_dead_letter')
      .selectAll()
      .where('subscription_id', '=', id)
      .orderBy('dead_lettered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return rows.map(toDeadLetter);
  }

  /** The latest delivery attempts, newest first. */
  async attempts(actor: Actor, id: string, limit = 50): Promise<DeliveryAttempt[]> {
    await this.#row(actor, id);
    const rows = await this.deps.db
      .selectFrom('exchange_subscription_attempt')
      .selectAll()
      .where('subscription_id', '=', id)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toAttempt);
  }

  /**
   * Resumes a dead-lettered push subscription from its acknowledged cursor (the failed batch is
   * sent again first), or rechecks a paused one now.
   */
  async retry(ctx: RequestContext, id: string): Promise<Subscription> {
    const row = await this.#row(ctx.actor, id);
    if (row.mode !== 'push' || (row.status !== 'dead_lettered' && row.status !== 'paused'))
      throw SubscriptionErrors.error('EXCHANGE_SUBSCRIPTION_NOT_RETRYABLE', { status: row.status });
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('exchange_subscription')
        .set({
          status: row.status === 'dead_lettered' ? 'active' : row.status,
          attempts: 0,
          failing_since: null,
          next_attempt_at: at,
          lease_owner: null,
          lease_until: null,
          updated_at: at,
        })
        .where('id', '=', id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw SubscriptionErrors.error('EXCHANGE_SUBSCRIPTION_NOT_RETRYABLE', { status: row.status });
      await trx
        .updateTable('exchange_dead_letter')
        .set({ retried_at: at, retried_by: ctx.actor.id })
        .where('subscription_id', '=', id)
        .where('retried_at', 'is', null)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.subscription.retry',
        targetType: 'exchange_subscription',
        targetId: id,
        detail: { entryId: row.entry_id, status: row.status, ackedSeq: Number(row.acked_seq) },
      });
    });
    this.wake();
    return this.get(ctx.actor, id);
  }

  async #row(actor: Actor, id: string): Promise<SubscriptionRow> {
    const row = (await subscriptionQuery(this.deps.db).where('s.id', '=', id).executeTakeFirst()) as
      | SubscriptionRow
      | undefined;
    // Another department's subscription does not exist for the reader, nor does a deleted one.
    if (
      !row ||
      row.status === 'deleted' ||
      !isAllowed(actor, MANAGE, { departmentId: row.consumer_department_id })
    )
      throw SubscriptionErrors.error('EXCHANGE_SUBSCRIPTION_NOT_FOUND', { id });
    return row;
  }

  /**
   * A push URL whose host is loopback, private or otherwise reserved is refused (SSRF) unless the
   * operator allowed its network; every push checks again on the address it connects to.
   */
  async #checkAddress(url: string): Promise<string> {
    const refused = await this.#guard.refusedAddresses(new URL(url));
    if (refused.length > 0)
      throw SubscriptionErrors.error('EXCHANGE_SUBSCRIPTION_URL_INVALID', {
        field: '/url',
        reason: {
          zh: `地址指向本机、内网或保留地址：${refused.join(', ')}`,
          en: `the address is not public: ${refused.join(', ')}`,
        },
      });
    return url;
  }
}

/** A push URL: http(s), no credentials in it (the signature authenticates the platform). */
function checkUrl(raw: string | undefined): string {
  const fail = (reason: string) =>
    SubscriptionErrors.error('EXCHANGE_SUBSCRIPTION_URL_INVALID', { field: '/url', reason });
  if (raw === undefined || raw.trim() === '')
    throw fail('推送订阅须提供接收地址 / a push subscription needs a URL');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw fail('不是有效的 URL / not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('须为 http(s) 地址 / http(s) only');
  if (url.username || url.password) throw fail('地址中不得包含用户名或密码 / no credentials in the URL');
  return url.toString();
}
