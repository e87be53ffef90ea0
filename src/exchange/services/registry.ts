import { CatalogErrors } from '../../catalog/index.js';
import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { type Executor, newId, tablesOf } from '../../platform/db/index.js';
import { AddressGuard } from '../../platform/net/index.js';
import { ExchangeAccess } from '../access.js';
import { columnsFor } from '../hosting/columns.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedColumn } from '../model.js';
import { ExchangeActions } from '../policies.js';
import type { ExchangeDb } from '../schema.js';
import { ServiceErrors } from './errors.js';
import type { ExchangeServiceTable, ServiceMethod, ServiceStatus, ServiceTables } from './schema.js';
import { checkFieldMap, checkHeaders, checkServiceUrl, checkSpec, checkSpecUrl } from './validation.js';
import {
  auditDetail,
  callable,
  type InterfaceService,
  type NewService,
  type ServiceChange,
  type ServiceResource,
  toResource,
  toView,
} from './views.js';

export type { InterfaceService, NewService, ServiceChange, ServiceResource };

const tables = (db: Executor) => tablesOf<ServiceTables>(db);

/**
 * The interface-service registry (接口服务登记, R47, R51): a provider's resource administrators
 * register, for a published entry shared through a platform interface, the endpoint of their own
 * system that answers for it; consumers then call it through the gateway (see `proxy.ts`), never
 * directly. A service is callable only once it has a specification (an OpenAPI document or the
 * URL of one): a consumer's system integrator docks against the document, not against guesses.
 */
export class InterfaceServices {
  /** The access check of calls to registered services (method `interface`). */
  readonly access: ExchangeAccess<ServiceResource>;
  /** When each service's last call was noted, so that a busy service writes it about once a second. */
  readonly #noted = new Map<string, { at: number; status: number }>();
  /** Where registered services may live and the gateway may connect (SSRF). */
  readonly guard: AddressGuard;

  constructor(readonly deps: ExchangeDeps) {
    this.guard = new AddressGuard(
      () => deps.config.serviceAllowedNetworks ?? [],
      (host) => ServiceErrors.error('EXCHANGE_SERVICE_ADDRESS_REFUSED', { host }),
    );
    this.access = new ExchangeAccess<ServiceResource>({
      grants: deps.grants,
      audit: deps.audit,
      clock: deps.clock,
      resource: (entryId) => this.resource(entryId),
    });
  }

  /** The published entry a provider's administrator may register a service for, with its items. */
  async #entry(actor: Actor, entryId: string) {
    const detail = await this.deps.catalog.get(actor, entryId);
    authorize(actor, ExchangeActions['exchange.host.manage'], { departmentId: detail.provider.id });
    if (detail.status !== 'published' || detail.publishedVersion === null)
      throw ServiceErrors.error('EXCHANGE_SERVICE_ENTRY_NOT_PUBLISHED', { code: detail.code });
    // The provider reads its newest version, which may be a revision in progress.
    const content = detail.publishedContent ?? detail.content;
    if (!content.share.methods.includes('platform_interface'))
      throw ServiceErrors.error('EXCHANGE_SERVICE_NOT_OFFERED', { code: detail.code });
    const provider = await this.deps.departments(this.deps.db, detail.provider.id);
    if (!provider) throw CatalogErrors.error('CATALOG_NOT_FOUND', { id: entryId });
    return { detail, items: content.items, provider };
  }

  /** The checked URL, refused when its host is (or resolves to) an address the gateway may not reach. */
  async #serviceUrl(raw: string): Promise<string> {
    const url = checkServiceUrl(raw);
    const refused = await this.guard.refusedAddresses(new URL(url));
    if (refused.length > 0)
      throw ServiceErrors.error('EXCHANGE_SERVICE_URL_INVALID', {
        field: '/body/url',
        reason: {
          zh: `指向本机、内网或保留地址 ${refused.join(', ')}，须由运维人员列入允许的网络`,
          en: `resolves to a non-public address (${refused.join(', ')}); an operator must allow its network`,
        },
      });
    return url;
  }

  async register(ctx: RequestContext, input: NewService): Promise<InterfaceService> {
    const { detail, items, provider } = await this.#entry(ctx.actor, input.entryId);
    const url = await this.#serviceUrl(input.url);
    const columns = columnsFor(items);
    const fieldMap = input.fieldMap ?? {};
    const passthrough = [...new Set(input.passthrough ?? [])];
    checkFieldMap(columns, fieldMap, passthrough);
    const headers = checkHeaders(input.headers ?? {});
    const now = this.deps.clock.now().toISOString();
    const row: ExchangeServiceTable = {
      id: newId(this.deps.clock.now()),
      entry_id: detail.id,
      entry_code: detail.code,
      entry_name: detail.name,
      entry_version: detail.publishedVersion as number,
      provider_department_id: provider.id,
      provider_jurisdiction_path: provider.jurisdictionPath,
      columns: JSON.stringify(columns),
      url,
      methods: JSON.stringify([...new Set(input.methods)]),
      timeout_ms: input.timeoutMs ?? null,
      max_bytes: input.maxBytes ?? null,
      field_map: JSON.stringify(fieldMap),
      passthrough: JSON.stringify(passthrough),
      headers: Object.keys(headers).length > 0 ? this.deps.box.seal(JSON.stringify(headers)) : null,
      header_names: JSON.stringify(Object.keys(headers).sort()),
      spec: input.spec === undefined ? null : checkSpec(input.spec),
      spec_url: input.specUrl === undefined ? null : checkSpecUrl(input.specUrl),
      status: 'active',
      status_reason: null,
      created_at: now,
      created_by: ctx.actor.id,
      updated_at: now,
      updated_by: ctx.actor.id,
      last_called_at: null,
      last_status: null,
      last_duration_ms: null,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('exchange_service')
        .select('id')
        .where('entry_id', '=', row.entry_id)
        .executeTakeFirst();
      if (existing) throw ServiceErrors.error('EXCHANGE_SERVICE_EXISTS', { code: row.entry_code });
      await trx.insertInto('exchange_service').values(row).execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.service.register',
        targetType: 'exchange_service',
        targetId: row.id,
        detail: auditDetail(row),
      });
    });
    return toView(row);
  }

  async #row(executor: ExchangeDb, id: string): Promise<ExchangeServiceTable> {
    const row = await executor
      .selectFrom('exchange_service')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw ServiceErrors.error('EXCHANGE_SERVICE_NOT_FOUND', { id });
    return row;
  }

  #authorizeRead(actor: Actor, row: ExchangeServiceTable): void {
    const target = {
      departmentId: row.provider_department_id,
      jurisdictionPath: row.provider_jurisdiction_path,
    };
    // A service the reader may not see does not exist for it.
    try {
      authorize(actor, ExchangeActions['exchange.host.read'], target);
    } catch {
      throw ServiceErrors.error('EXCHANGE_SERVICE_NOT_FOUND', { id: row.id });
    }
  }

  async get(actor: Actor, id: string): Promise<InterfaceService> {
    const row = await this.#row(this.deps.db, id);
    this.#authorizeRead(actor, row);
    return toView(row);
  }

  /** Services the actor may see, filtered in SQL before paging. */
  async list(
    actor: Actor,
    filter: { entryId?: string | undefined; page: number; pageSize: number },
  ): Promise<{ items: InterfaceService[]; total: number }> {
    const scope = scopeOf(actor, ExchangeActions['exchange.host.read']);
    if (scope.kind === 'none') authorize(actor, ExchangeActions['exchange.host.read']);
    let query = this.deps.db.selectFrom('exchange_service');
    query = query.where((eb) =>
      scopeWhere(eb, scope, { department: 'provider_department_id', path: 'provider_jurisdiction_path' }),
    );
    if (filter.entryId) query = query.where('entry_id', '=', filter.entryId);
    const { total } = await query
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { items: rows.map(toView), total: Number(total) };
  }

  /**
   * Changes a registration and takes the entry's items afresh from its published version (a new
   * catalog version's items reach the filter this way). `headers` replaces all secret headers.
   */
  async update(ctx: RequestContext, id: string, change: ServiceChange): Promise<InterfaceService> {
    const before = await this.#row(this.deps.db, id);
    this.#authorizeRead(ctx.actor, before);
    const { detail, items } = await this.#entry(ctx.actor, before.entry_id);
    const columns = columnsFor(items, JSON.parse(before.columns) as HostedColumn[]);
    const fieldMap = change.fieldMap ?? (JSON.parse(before.field_map) as Record<string, string>);
    const passthrough = [...new Set(change.passthrough ?? (JSON.parse(before.passthrough) as string[]))];
    checkFieldMap(columns, fieldMap, passthrough);
    const headers = change.headers === undefined ? undefined : checkHeaders(change.headers ?? {});
    const url = change.url === undefined ? before.url : await this.#serviceUrl(change.url);
    const after: ExchangeServiceTable = {
      ...before,
      entry_code: detail.code,
      entry_name: detail.name,
      entry_version: detail.publishedVersion as number,
      columns: JSON.stringify(columns),
      url,
      methods: change.methods === undefined ? before.methods : JSON.stringify([...new Set(change.methods)]),
      timeout_ms: change.timeoutMs === undefined ? before.timeout_ms : change.timeoutMs,
      max_bytes: change.maxBytes === undefined ? before.max_bytes : change.maxBytes,
      field_map: JSON.stringify(fieldMap),
      passthrough: JSON.stringify(passthrough),
      headers:
        headers === undefined
          ? before.headers
          : Object.keys(headers).length > 0
            ? this.deps.box.seal(JSON.stringify(headers))
            : null,
      header_names: headers === undefined ? before.header_names : JSON.stringify(Object.keys(headers).sort()),
      spec: change.spec === undefined ? before.spec : change.spec === null ? null : checkSpec(change.spec),
      spec_url:
        change.specUrl === undefined
          ? before.spec_url
          : change.specUrl === null
            ? null
            : checkSpecUrl(change.specUrl),
      updated_at: this.deps.clock.now().toISOString(),
      updated_by: ctx.actor.id,
    };
    await this.#save(ctx, 'exchange.service.update', before, after, {
      headersReplaced: headers !== undefined,
    });
    return toView(after);
  }

  /** Stops (or restarts) consumers' calls; the registration and its history stay. */
  async setStatus(
    ctx: RequestContext,
    id: string,
    status: ServiceStatus,
    reason?: string | undefined,
  ): Promise<InterfaceService> {
    const before = await this.#row(this.deps.db, id);
    this.#authorizeRead(ctx.actor, before);
    authorize(ctx.actor, ExchangeActions['exchange.host.manage'], {
      departmentId: before.provider_department_id,
    });
    const after: ExchangeServiceTable = {
      ...before,
      status,
      status_reason: status === 'disabled' ? (reason ?? null) : null,
      updated_at: this.deps.clock.now().toISOString(),
      updated_by: ctx.actor.id,
    };
    await this.#save(
      ctx,
      status === 'disabled' ? 'exchange.service.disable' : 'exchange.service.enable',
      before,
      after,
      {
        reason: reason ?? null,
      },
    );
    return toView(after);
  }

  async #save(
    ctx: RequestContext,
    action: string,
    before: ExchangeServiceTable,
    after: ExchangeServiceTable,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const { last_called_at, last_status, last_duration_ms, id, created_at, created_by, ...values } = after;
      await trx.updateTable('exchange_service').set(values).where('id', '=', before.id).execute();
      await this.deps.audit.record(trx, ctx, {
        action,
        targetType: 'exchange_service',
        targetId: before.id,
        detail: { before: auditDetail(before), after: auditDetail(after), ...extra },
      });
    });
  }

  /**
   * The specification of an entry's service, for whoever may see the entry in the catalog: the
   * consumer's integrator reads it before applying and docking. The provider's URL and headers
   * stay private: consumers call the gateway.
   */
  async spec(
    actor: Actor,
    entryId: string,
  ): Promise<{
    entryId: string;
    methods: ServiceMethod[];
    specUrl: string | null;
    spec: unknown;
    callable: boolean;
  }> {
    await this.deps.catalog.get(actor, entryId);
    const row = await this.deps.db
      .selectFrom('exchange_service')
      .selectAll()
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    if (!row) throw ServiceErrors.error('EXCHANGE_SERVICE_NOT_REGISTERED', { entryId });
    return {
      entryId,
      methods: JSON.parse(row.methods) as ServiceMethod[],
      specUrl: row.spec_url,
      spec: row.spec === null ? null : (JSON.parse(row.spec) as unknown),
      callable: callable(row),
    };
  }

  /** The service resource of an entry, unauthenticated: for the access check of calls. */
  async resource(entryId: string, executor: Executor = this.deps.db): Promise<ServiceResource | undefined> {
    const row = await tables(executor)
      .selectFrom('exchange_service')
      .selectAll()
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    return row ? toResource(row) : undefined;
  }

  /** The provider's secret headers of a service, opened for one call. */
  headersOf(resource: ServiceResource): Record<string, string> {
    const sealed = resource.service.sealedHeaders;
    return sealed ? (JSON.parse(this.deps.box.open(sealed)) as Record<string, string>) : {};
  }

  /**
   * Notes a call's outcome on the registration (the registry's health column) after the reply:
   * at most about once a second per service unless the status changes; a failure to note it
   * loses nothing the audit trail does not hold.
   */
  noteCall(serviceId: string, status: number, durationMs: number): void {
    const now = Date.now();
    const last = this.#noted.get(serviceId);
    if (last && last.status === status && now - last.at < 1000) return;
    this.#noted.set(serviceId, { at: now, status });
    this.deps.db
      .updateTable('exchange_service')
      .set({
        last_called_at: this.deps.clock.now().toISOString(),
        last_status: status,
        last_duration_ms: Math.round(durationMs),
      })
      .where('id', '=', serviceId)
      .execute()
      .catch(() => this.#noted.delete(serviceId));
  }
}
