import './errors.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { AppendReceipt, AuditTrail, RecordKeyKind } from '../audit/index.js';
import type { AccessMethod as AuditMethod } from '../audit/schema.js';
import { authorize } from '../org/authz/index.js';
import type { RequestContext } from '../org/context.js';
import type { Clock } from '../platform/clock/index.js';
import { AppError } from '../platform/errors/index.js';
import type { AccessMethod, Grant, GrantService, Purpose } from '../sharing/index.js';
import { PURPOSES } from '../sharing/model.js';
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
    throw new AppError('EXCHANGE_PURPOSE_REQUIRED', { allowed });
  if (!(PURPOSES as readonly string[]).includes(purpose.trim()))
    throw new AppError('EXCHANGE_PURPOSE_INVALID', { purpose: purpose.slice(0, 40), allowed });
  const caseHeader = headers[CASE_NUMBER_HEADER];
  let caseNumber: string | undefined;
  if (caseHeader !== undefined) {
    // Node gives header values as latin1; a case number may hold Chinese, sent UTF-8 encoded.
    const value = typeof caseHeader === 'string' ? Buffer.from(caseHeader, 'latin1').toString('utf8') : '';
    if (!CASE_NUMBER.test(value)) throw new AppError('EXCHANGE_CASE_NUMBER_INVALID');
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
  ): Promise<OpenedRead<R>> {
    const { actor } = ctx;
    authorize(actor, ExchangeActions['exchange.read'], { departmentId: actor.departmentId });
    const resource = await this.deps.resource(entryId);
    if (!resource)
      return this.refuse(ctx, entryId, method, statement, new AppError('EXCHANGE_NOT_HOSTED', { entryId }));
    if (resource.status !== 'active')
      return this.refuse(
        ctx,
        entryId,
        method,
        statement,
        new AppError('EXCHANGE_RESOURCE_SUSPENDED', { code: resource.entry.code }),
      );
    const active = resource.columns.filter((c) => c.active);
    for (const item of requested ?? [])
      if (!active.some((c) => c.item === item))
        throw new AppError('EXCHANGE_ITEM_UNKNOWN', { item, field: '/items' });
    const answer = await this.deps.grants.check({
      consumerDepartmentId: actor.departmentId,
      clientId: actor.kind === 'client' ? actor.id : undefined,
      entryId,
      items: [...(requested ?? [])],
      purpose: statement.purpose,
      method,
      at: this.deps.clock.now(),
    });
    if (!answer.allowed) return this.refuse(ctx, entryId, method, statement, answer.error);
    const { grant } = answer;
    const wanted = requested ? new Set(requested) : undefined;
    const columns = active.filter((c) => grant.items.includes(c.item) && (!wanted || wanted.has(c.item)));
    const clear = new Set(grant.clearItems);
    const masked = new Set(columns.filter((c) => c.personal && !clear.has(c.item)).map((c) => c.item));
    return { resource, grant, method, statement, columns, masked };
  }

  /** Writes the access entry of a refused read and throws its error. */
  async refuse(
    ctx: RequestContext,
    entryId: string,
    method: AccessMethod,
    statement: ReadStatement,
    error: AppError,
    grantId?: string,
  ): Promise<never> {
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
      },
    });
    throw error;
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
    const keys = keyColumns(read.resource.columns);
    const kind: RecordKeyKind = keys.length === 1 ? (keys[0]?.keyKind ?? 'other') : 'other';
    return this.deps.audit.append(ctx, {
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
        recordKeys: result.keys.map((value) => ({ kind, value })),
      },
    });
  }
}
