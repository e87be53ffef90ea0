import type { IncomingHttpHeaders } from 'node:http';
import type {
  AppendReceipt,
  AccessMethod as AuditMethod,
  AuditTrail,
  RecordKeyKind,
} from '../audit/index.js';
import { authorize, isAllowed } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, AuditEvent, RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import type { AppError } from '../platform/errors/index.js';
import type { AccessMethod, Grant, GrantService, Purpose } from '../sharing/index.js';
import { PURPOSES } from '../sharing/index.js';
import { ExchangeErrors } from './errors.js';
import { keyColumns } from './hosting/columns.js';
import { CASE_NUMBER_HEADER, type HostedColumn, PURPOSE_HEADER, type ReadableResource } from './model.js';
import { ExchangeActions } from './policies.js';

/** Who reads and why, stated with every read (R58, R85): a purpose code and an optional case number. */
export interface ReadStatement {
  purpose: Purpose;
  caseNumber?: string | undefined;
}

const CASE_NUMBER = /^[\x21-\x7e\u3000-\u9fff\uff00-\uffef]{1,64}$/u;

/**
 * Reads the purpose and case number headers of a request.
 *
 * @example readStatementOf({ 'x-govshare-purpose': 'data_verification', 'x-govshare-case-number': 'BJ-2026-001' })
 */
export function readStatementOf(headers: IncomingHttpHeaders): ReadStatement {
  const allowed = PURPOSES.join(', ');
  const purpose = headers[PURPOSE_HEADER];
  if (typeof purpose !== 'string' || purpose.trim() === '')
    throw ExchangeErrors.error('EXCHANGE_PURPOSE_REQUIRED', { allowed });
  if (!(PURPOSES as readonly string[]).includes(purpose.trim()))
    throw ExchangeErrors.error('EXCHANGE_PURPOSE_INVALID', { purpose: purpose.slice(0, 40), allowed });
  const caseHeader = headers[CASE_NUMBER_HEADER];
  let caseNumber: string | undefined;
  if (caseHeader !== undefined) {
    // Node gives header values as latin1; a case number may hold Chinese, sent UTF-8 encoded.
    const value = typeof caseHeader === 'string' ? Buffer.from(caseHeader, 'latin1').toString('utf8') : '';
    if (!CASE_NUMBER.test(value)) throw ExchangeErrors.error('EXCHANGE_CASE_NUMBER_INVALID');
    caseNumber = value;
  }
  return { purpose: purpose.trim() as Purpose, caseNumber };
}

/** The trace's name for each way data leaves. */
export const AUDIT_METHOD: Record<AccessMethod, AuditMethod> = {
  online_query: 'query',
  batch_download: 'download',
  interface: 'interface',
  subscription: 'subscription',
};

/** A read the grant allows, before any record is read. */
export interface OpenedRead<R extends ReadableResource = ReadableResource> {
  resource: R;
  grant: Grant;
  method: AccessMethod;
  statement: ReadStatement;
  /** The columns the reader receives: active, granted and (if the reader named items) asked for. */
  columns: HostedColumn[];
  /** Items among `columns` that reach the reader masked (personal, not granted in clear). */
  masked: ReadonlySet<string>;
  /** The record keys the request asked for (canonical), for the trace of a later refusal. */
  asked?: (() => readonly string[]) | undefined;
  /** N12: records the first delivery under the grant, once the read succeeded; absent once supplied. */
  delivered?: (() => Promise<void>) | undefined;
}

/**
 * How a reader stands to a hosted resource: its provider's own users and systems see the records'
 * keys; a consumer needs a grant; platform staff who oversee the resource (operator, auditor, the
 * authority over it) read without a grant but see keyed digests, never keys.
 */
export type ReaderStanding = 'provider' | 'consumer' | 'platform';

/** Options of `open`. */
export interface OpenOptions<R extends ReadableResource> {
  /**
   * The canonical record keys the request asks for, once the resource is known: a refusal names
   * them (as keyed digests for ID numbers) exactly as a granted read would, so that a person's
   * access report shows attempts too.
   */
  asked?: (resource: R) => readonly string[];
}

/** The trace's record keys of `keys` read from `resource`: one kind when it has one key item. */
function recordKeysOf(
  resource: ReadableResource,
  keys: readonly string[],
): { kind: RecordKeyKind; value: string }[] {
  const columns = keyColumns(resource.columns);
  const kind: RecordKeyKind = columns.length === 1 ? (columns[0]?.keyKind ?? 'other') : 'other';
  return keys.map((value) => ({ kind, value }));
}

export interface ExchangeAccessDeps<R extends ReadableResource> {
  grants: Pick<GrantService, 'check'>;
  audit: AuditTrail;
  clock: Clock;
  /** The resource of a catalog entry: hosting's `resource`, or a registered service's. */
  resource(entryId: string): Promise<R | undefined>;
}

/**
 * The one way data leaves the platform: authorize the reader, find the hosted resource, check the
 * grant for this purpose and method, then write exactly one access entry per read — a refusal
 * (GRANT_*, not hosted, rate limited) or the read itself, naming client, purpose, grant and keys.
 */
export class ExchangeAccess<R extends ReadableResource = ReadableResource> {
  constructor(private readonly deps: ExchangeAccessDeps<R>) {}

  /**
   * Opens a read: every refusal is audited before it is thrown. Without `requested` items the
   * reader receives every item its grant covers.
   */
  async open(
    ctx: RequestContext,
    entryId: string,
    method: AccessMethod,
    statement: ReadStatement,
    requested?: readonly string[],
    options: OpenOptions<R> = {},
  ): Promise<OpenedRead<R>> {
    const { actor } = ctx;
    authorize(actor, ExchangeActions['exchange.read'], { departmentId: actor.departmentId });
    const resource = await this.deps.resource(entryId);
    // Without a hosted resource no key can be read as an identifier: the refusal names none.
    if (!resource)
      return this.refuse(
        ctx,
        entryId,
        method,
        statement,
        ExchangeErrors.error('EXCHANGE_NOT_HOSTED', { entryId }),
      );
    const askedOf = options.asked;
    const asked = askedOf ? () => askedOf(resource) : undefined;
    const refuse = (error: AppError) =>
      this.#refuse(ctx, entryId, method, statement, error, { resource, keys: asked?.() });
    if (resource.status !== 'active')
      return refuse(ExchangeErrors.error('EXCHANGE_RESOURCE_SUSPENDED', { code: resource.entry.code }));
    const active = resource.columns.filter((c) => c.active);
    for (const item of requested ?? [])
      if (!active.some((c) => c.item === item))
        throw ExchangeErrors.error('EXCHANGE_ITEM_UNKNOWN', { item, field: '/items' });
    const answer = await this.deps.grants.check({
      consumerDepartmentId: actor.departmentId,
      clientId: actor.kind === 'client' ? actor.id : undefined,
      entryId,
      items: [...(requested ?? [])],
      purpose: statement.purpose,
      method,
      at: this.deps.clock.now(),
    });
    if (!answer.allowed) return refuse(answer.error);
    const { grant } = answer;
    const wanted = requested ? new Set(requested) : undefined;
    const columns = active.filter((c) => grant.items.includes(c.item) && (!wanted || wanted.has(c.item)));
    const clear = new Set(grant.clearItems);
    const masked = new Set(columns.filter((c) => c.personal && !clear.has(c.item)).map((c) => c.item));
    return { resource, grant, method, statement, columns, masked, asked, delivered: answer.delivered };
  }

  /** Writes the access entry of a refused read and throws its error. */
  refuse(
    ctx: RequestContext,
    entryId: string,
    method: AccessMethod,
    statement: ReadStatement,
    error: AppError,
    grantId?: string,
  ): Promise<never> {
    return this.#refuse(ctx, entryId, method, statement, error, { grantId });
  }

  /**
   * Refuses a read already opened (a rate limit): the entry names its grant and the keys the
   * request asked for.
   */
  refuseRead(ctx: RequestContext, read: OpenedRead, error: AppError): Promise<never> {
    return this.#refuse(ctx, read.resource.entry.id, read.method, read.statement, error, {
      grantId: read.grant.id,
      resource: read.resource,
      keys: read.asked?.(),
    });
  }

  async #refuse(
    ctx: RequestContext,
    entryId: string,
    method: AccessMethod,
    statement: ReadStatement,
    error: AppError,
    about: {
      grantId?: string | undefined;
      resource?: ReadableResource;
      keys?: readonly string[] | undefined;
    },
  ): Promise<never> {
    const { grantId, resource, keys } = about;
    await this.deps.audit.append(ctx, {
      action: `exchange.${AUDIT_METHOD[method]}`,
      targetType: 'catalog_entry',
      targetId: entryId,
      detail: { refused: error.code },
      access: {
        resourceId: entryId,
        method: AUDIT_METHOD[method],
        purpose: statement.purpose,
        ...(statement.caseNumber ? { caseNumber: statement.caseNumber } : {}),
        ...(grantId ? { grantId } : {}),
        resultCount: 0,
        status: error.status === 404 || error.status === 429 ? error.status : 403,
        ...(resource && keys?.length ? { recordKeys: recordKeysOf(resource, keys) } : {}),
      },
    });
    throw error;
  }

  /**
   * How the actor stands to `resource` for a read of its change log: its provider's own, a
   * consumer (whose read goes through `open`, grant and all), or platform staff overseeing it;
   * undefined when it may not read it at all (refused, and audited, like a data read).
   */
  standingOf(actor: Actor, resource: ReadableResource): ReaderStanding | undefined {
    const { departmentId, jurisdictionPath } = resource.provider;
    if (isAllowed(actor, ExchangeActions['exchange.read'], { departmentId })) return 'provider';
    if (isAllowed(actor, ExchangeActions['exchange.read'], { departmentId: actor.departmentId }))
      return 'consumer';
    if (isAllowed(actor, ExchangeActions['exchange.host.read'], { departmentId, jurisdictionPath }))
      return 'platform';
    return undefined;
  }

  /**
   * Writes the one access entry of a read by the provider itself or by platform staff (no grant
   * is involved); resolves once it is durable.
   */
  recordUngranted(
    ctx: RequestContext,
    resource: ReadableResource,
    read: {
      method: AccessMethod;
      statement: ReadStatement;
      standing: Exclude<ReaderStanding, 'consumer'>;
      keys: readonly string[];
      resultCount: number;
      detail?: Record<string, unknown>;
    },
  ): Promise<AppendReceipt> {
    return this.deps.audit.append(ctx, {
      action: `exchange.${AUDIT_METHOD[read.method]}`,
      targetType: 'catalog_entry',
      targetId: resource.entry.id,
      detail: { standing: read.standing, ...read.detail },
      access: {
        resourceId: resource.entry.id,
        method: AUDIT_METHOD[read.method],
        purpose: read.statement.purpose,
        ...(read.statement.caseNumber ? { caseNumber: read.statement.caseNumber } : {}),
        resultCount: read.resultCount,
        status: 200,
        recordKeys: recordKeysOf(resource, read.keys),
      },
    });
  }

  /**
   * Writes the one access entry of a read that returned `keys` (canonical record keys); resolves
   * once it is durable, so the caller sends nothing before its trace exists.
   */
  async recordRead(
    ctx: RequestContext,
    read: OpenedRead,
    result: {
      keys: readonly string[];
      resultCount?: number;
      detail?: Record<string, unknown>;
      /** The status the reader got; a call that failed after the grant check (≥ 400) is a failure. */
      status?: number;
    },
  ): Promise<AppendReceipt> {
    const receipt = await this.deps.audit.append(ctx, this.#readEvent(read, result));
    // N12: the first successful delivery meets the provider's supply obligation, right after its
    // trace is durable (the trail commits in groups, outside any transaction of ours).
    if ((result.status ?? 200) < 400) await read.delivered?.();
    return receipt;
  }

  /**
   * `recordRead` with an effect that commits with the access entry or not at all (the entry's
   * group commit runs it under a savepoint): a data snapshot of the read (R107).
   */
  async recordReadWith<T>(
    ctx: RequestContext,
    read: OpenedRead,
    result: { keys: readonly string[]; resultCount?: number; detail?: Record<string, unknown> },
    effect: (trx: Executor) => Promise<T>,
  ): Promise<T> {
    const value = await this.deps.audit.appendWith(ctx, this.#readEvent(read, result), effect);
    await read.delivered?.();
    return value;
  }

  #readEvent(
    read: OpenedRead,
    result: {
      keys: readonly string[];
      resultCount?: number;
      detail?: Record<string, unknown>;
      status?: number;
    },
  ): AuditEvent {
    return {
      action: `exchange.${AUDIT_METHOD[read.method]}`,
      targetType: 'catalog_entry',
      targetId: read.resource.entry.id,
      detail: { masked: [...read.masked], ...result.detail },
      access: {
        resourceId: read.resource.entry.id,
        items: read.columns.map((c) => c.item),
        method: AUDIT_METHOD[read.method],
        purpose: read.statement.purpose,
        ...(read.statement.caseNumber ? { caseNumber: read.statement.caseNumber } : {}),
        grantId: read.grant.id,
        resultCount: result.resultCount ?? result.keys.length,
        status: result.status ?? 200,
        recordKeys: recordKeysOf(read.resource, result.keys),
      },
    };
  }
}
