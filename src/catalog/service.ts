import './errors.js';
import type { AuditTrail } from '../audit/index.js';
import type { Actor } from '../org/actor.js';
import { authorize, scopeOf } from '../org/authz/index.js';
import type { RequestContext } from '../org/context.js';
import type { Clock } from '../platform/clock/index.js';
import type { NetworkZone } from '../platform/config/index.js';
import { newId } from '../platform/db/ids.js';
import type { DialectName, Executor } from '../platform/db/index.js';
import { AppError } from '../platform/errors/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { classificationCode, isUniqueViolation, nextSequence, resourceCode } from './codes.js';
import { type ContentChange, diffContents, reductionsOf } from './diff.js';
import { allowedActions, type LifecycleState } from './lifecycle.js';
import type { EntryContent, EntryStatus } from './model.js';
import { CatalogActions } from './policies.js';
import {
  type EntryDetail,
  type EntryRow,
  type EntrySummary,
  entryRow,
  listedColumns,
  type ProviderRef,
  PUBLIC_VERSION_STATUSES,
  parseReductions,
  submitterOf,
  tables,
  toSummary,
  toVersionDetail,
  toVersionSummary,
  type VersionDetail,
} from './store.js';
import { Transitions } from './transitions.js';
import { assertValid, type ValidationIssue, validateEntryContent } from './validation.js';
import {
  canReadUnpublished,
  catalogVisibilityFilter,
  isEntryVisible,
  scopeFilter,
  unpublishedScopeFilter,
} from './visibility.js';

export interface ProviderInfo {
  id: string;
  name: string;
  /** 统一社会信用代码: the provider code of the catalog guide. */
  uscc: string;
  jurisdictionPath: string;
}

export type ProviderLookup = (executor: Executor, departmentId: string) => Promise<ProviderInfo | undefined>;

/** Keeps the search index in step with the catalog, in the catalog's own transaction. */
export interface CatalogSearchHook {
  reindex(executor: Executor, entryId: string): Promise<void>;
}

/** Told of every approved reduction, in the approving transaction (R11: holders are told in advance). */
export type ReductionListener = (
  trx: Executor,
  event: { entryId: string; version: number; reductions: string[]; reason: string | null },
) => Promise<void>;

export interface CatalogServiceDeps {
  db: Executor;
  dialect: DialectName;
  audit: AuditTrail;
  clock: Clock;
  /**
   * The provider department's name, USCC and jurisdiction path, read in the given executor: the
   * catalog asks inside its own transactions, where a second connection would wait on SQLite's one.
   */
  departments: ProviderLookup;
  search: CatalogSearchHook;
  /** The jurisdiction profile and network zone of the instance: what validation judges by. */
  profile: Profile;
  networkZone: NetworkZone;
  onReduction?: ReductionListener;
}

/** Overrides of the instance's profile and zone for one call (import previews, tests). */
export interface CatalogCallContext {
  profile?: Profile;
  networkZone?: NetworkZone;
}

export interface EntryFilters {
  status?: EntryStatus | string | undefined;
  mine?: boolean | undefined;
  providerDepartmentId?: string | undefined;
}

export interface PublishedEntry {
  id: string;
  code: string;
  version: number;
  publishDate: string | null;
  provider: ProviderRef;
  jurisdictionPath: string;
  content: EntryContent;
}

/** Accepts a bare actor (import, scripts) or a request context (routes, which carry request ids). */
export function requestContextOf(who: Actor | RequestContext): RequestContext {
  return 'actor' in who ? who : { actor: who };
}

/**
 * The resource catalog (R01–R11, R19–R23): entries, their versions and their life from draft to
 * publication, with every change authorized, audited and reindexed in one transaction.
 */
export class CatalogService {
  readonly #transitions: Transitions;

  constructor(private readonly deps: CatalogServiceDeps) {
    this.#transitions = new Transitions(deps, this);
  }

  /** Edits the draft; on a published entry opens the next version as a draft (consumers keep the published one). */
  update(
    who: Actor | RequestContext,
    id: string,
    input: { content: unknown; changeReason?: string | undefined },
  ) {
    return this.#transitions.update(requestContextOf(who), id, input);
  }

  /** Sends the newest version to the authority; a change that reduces sharing needs `changeReason`. */
  submit(who: Actor | RequestContext, id: string, input: { changeReason?: string | undefined } = {}) {
    return this.#transitions.submit(requestContextOf(who), id, input);
  }

  /** 核定 (R21): the authority accepts the submitted version. */
  ratify(who: Actor | RequestContext, id: string, input: { comment?: string | undefined } = {}) {
    return this.#transitions.review(requestContextOf(who), id, 'ratify', input.comment);
  }

  /** The authority sends the submission back with its comments. */
  returnEntry(who: Actor | RequestContext, id: string, input: { comment: string }) {
    return this.#transitions.review(requestContextOf(who), id, 'return', input.comment);
  }

  /** The provider publishes the ratified version; publishing a reduction makes it take effect. */
  publish(who: Actor | RequestContext, id: string) {
    return this.#transitions.publish(requestContextOf(who), id);
  }

  /** Asks the authority to withdraw a published entry (a reduction, R11). */
  withdraw(who: Actor | RequestContext, id: string, input: { reason: string }) {
    return this.#transitions.withdraw(requestContextOf(who), id, input.reason);
  }

  approveReduction(who: Actor | RequestContext, id: string, input: { comment?: string | undefined } = {}) {
    return this.#transitions.review(requestContextOf(who), id, 'approveReduction', input.comment);
  }

  rejectReduction(who: Actor | RequestContext, id: string, input: { comment: string }) {
    return this.#transitions.review(requestContextOf(who), id, 'rejectReduction', input.comment);
  }

  /** The jurisdiction profile validation judges by. */
  get profile(): Profile {
    return this.deps.profile;
  }

  get networkZone(): NetworkZone {
    return this.deps.networkZone;
  }

  /** Live validation for the editor and the import (pure; no authorization needed). */
  validate(
    content: unknown,
    ctx: { stage: 'draft' | 'submit'; profile?: Profile; networkZone?: NetworkZone },
  ): ValidationIssue[] {
    return validateEntryContent(content, {
      stage: ctx.stage,
      profile: ctx.profile ?? this.deps.profile,
      networkZone: ctx.networkZone ?? this.deps.networkZone,
    });
  }

  /** Runs inside every transaction that changes an entry. */
  async reindex(trx: Executor, id: string): Promise<void> {
    await this.#reindex(trx, id);
  }

  async #reindex(trx: Executor, id: string): Promise<void> {
    await this.deps.search.reindex(trx, id);
  }

  async #provider(
    executor: Executor,
    id: string,
  ): Promise<{ id: string; name: string; code: string; jurisdictionPath: string }> {
    const d = await this.deps.departments(executor, id);
    if (!d) throw new AppError('CATALOG_PROVIDER_INVALID', { field: 'providerDepartmentId', reason: id });
    return { id: d.id, name: d.name, code: d.uscc, jurisdictionPath: d.jurisdictionPath };
  }

  /** Provider references for a page of rows, asking once per department. */
  async #providers(executor: Executor, rows: EntryRow[]): Promise<Map<string, ProviderRef>> {
    const out = new Map<string, ProviderRef>();
    for (const id of new Set(rows.map((r) => r.provider_department_id))) {
      const d = await this.deps.departments(executor, id);
      // The provider code recorded at creation stands if the department has since gone.
      out.set(id, {
        id,
        name: d?.name ?? id,
        code: d?.uscc ?? rows.find((r) => r.provider_department_id === id)?.provider_code ?? '',
      });
    }
    return out;
  }

  /** Creates a draft for the actor's department (or a given one it manages); the code is assigned now. */
  async createDraft(
    who: Actor | RequestContext,
    input: { providerDepartmentId?: string | undefined; content: unknown },
    ctx: CatalogCallContext = {},
    trx?: Executor,
  ): Promise<EntryDetail> {
    const rc = requestContextOf(who);
    const id = trx
      ? await this.#insertDraft(trx, rc, input, ctx)
      : await this.#withCodeRetry((t) => this.#insertDraft(t, rc, input, ctx));
    return trx ? this.#detail(rc.actor, await entryRow(trx, id), trx) : this.get(rc.actor, id);
  }

  /** Creates every draft in one transaction, or none (the import). Refuses with every row's issues. */
  async createDrafts(
    who: Actor | RequestContext,
    contents: unknown[],
    ctx: CatalogCallContext & { providerDepartmentId?: string } = {},
  ): Promise<EntryDetail[]> {
    const rc = requestContextOf(who);
    const rows = contents
      .map((content, index) => ({ index, issues: this.validate(content, { stage: 'draft', ...ctx }) }))
      .filter((r) => r.issues.length > 0);
    const first = rows[0];
    if (first) {
      throw new AppError('CATALOG_VALIDATION_FAILED', {
        field: `contents[${first.index}].${first.issues[0]?.field}`,
        count: rows.reduce((n, r) => n + r.issues.length, 0),
        first: first.issues[0]?.message.zh,
        rows,
      });
    }
    const ids = await this.#withCodeRetry(async (trx) => {
      const created: string[] = [];
      for (const content of contents)
        created.push(
          await this.#insertDraft(trx, rc, { providerDepartmentId: ctx.providerDepartmentId, content }, ctx),
        );
      return created;
    });
    return Promise.all(ids.map((id) => this.get(rc.actor, id)));
  }

  /** A lost race for a department number or code aborts the transaction; one retry draws again. */
  async #withCodeRetry<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    try {
      return await this.deps.db.transaction().execute(work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.deps.db.transaction().execute(work);
    }
  }

  async #insertDraft(
    trx: Executor,
    rc: RequestContext,
    input: { providerDepartmentId?: string | undefined; content: unknown },
    ctx: CatalogCallContext,
  ): Promise<string> {
    const { actor } = rc;
    const providerId = input.providerDepartmentId ?? actor.departmentId;
    const provider = await this.#provider(trx, providerId);
    authorize(actor, CatalogActions['catalog.manage'], {
      departmentId: provider.id,
      jurisdictionPath: provider.jurisdictionPath,
    });
    assertValid(this.validate(input.content, { stage: 'draft', ...ctx }));
    const content = input.content as EntryContent;
    const classCode = await classificationCode(trx, content.classification, provider);
    const code = resourceCode(classCode, await nextSequence(trx, classCode));
    const now = this.deps.clock.now().toISOString();
    const id = newId(this.deps.clock.now());
    await tables(trx)
      .insertInto('catalog_entry')
      .values({
        id,
        code,
        class_code: classCode,
        catalog_class: content.classification.catalog,
        area: content.classification.area ?? null,
        provider_department_id: provider.id,
        provider_code: provider.code,
        jurisdiction_path: provider.jurisdictionPath,
        status: 'draft',
        current_status: 'draft',
        ...listedColumns(content),
        current_version: 1,
        published_version: null,
        publish_date: null,
        created_at: now,
        created_by: actor.id,
        updated_at: now,
      })
      .execute();
    await tables(trx)
      .insertInto('catalog_version')
      .values({
        entry_id: id,
        version: 1,
        content: JSON.stringify(content),
        status: 'draft',
        change_reason: null,
        reductions: '[]',
        created_at: now,
        created_by: actor.id,
        submitted_at: null,
        ratified_at: null,
        ratified_by: null,
        published_at: null,
      })
      .execute();
    await this.deps.audit.record(trx, rc, {
      action: 'catalog.create',
      targetType: 'catalog_entry',
      targetId: id,
      detail: { code, name: content.name, providerDepartmentId: provider.id },
    });
    await this.#reindex(trx, id);
    return id;
  }

  /** The entry as the actor may see it; entries it may not see do not exist for it. */
  async get(actor: Actor, id: string, executor: Executor = this.deps.db): Promise<EntryDetail> {
    authorize(actor, CatalogActions['catalog.read']);
    const row = await entryRow(executor, id).catch(() => undefined);
    if (!row || !isEntryVisible(actor, row)) throw new AppError('CATALOG_NOT_FOUND', { id });
    return this.#detail(actor, row, executor);
  }

  async getByCode(actor: Actor, code: string): Promise<EntryDetail> {
    const row = await tables(this.deps.db)
      .selectFrom('catalog_entry')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw new AppError('CATALOG_NOT_FOUND', { id: code });
    return this.get(actor, row.id);
  }

  /** The lifecycle state of an entry's newest version, as `allowedActions` and the transitions need it. */
  async lifecycleState(executor: Executor, row: EntryRow): Promise<LifecycleState> {
    const version = await tables(executor)
      .selectFrom('catalog_version')
      .select('reductions')
      .where('entry_id', '=', row.id)
      .where('version', '=', row.current_version)
      .executeTakeFirstOrThrow();
    return {
      status: row.status,
      currentStatus: row.current_status,
      reduces: parseReductions(version).length > 0,
      submittedBy:
        row.current_status === 'submitted'
          ? await submitterOf(executor, row.id, row.current_version)
          : undefined,
    };
  }

  async #detail(actor: Actor, row: EntryRow, executor: Executor): Promise<EntryDetail> {
    const reads = canReadUnpublished(actor, row);
    const db = tables(executor);
    let versionQuery = db.selectFrom('catalog_version').selectAll().where('entry_id', '=', row.id);
    if (!reads) versionQuery = versionQuery.where('status', 'in', PUBLIC_VERSION_STATUSES);
    const versions = await versionQuery.orderBy('version').execute();
    const shownVersion = reads ? row.current_version : (row.published_version ?? row.current_version);
    const shown = versions.find((v) => v.version === shownVersion);
    if (!shown) throw new AppError('CATALOG_NOT_FOUND', { id: row.id });
    const published = versions.find((v) => v.version === row.published_version);
    const current = versions.find((v) => v.version === row.current_version);
    const reviews = reads
      ? await db
          .selectFrom('catalog_review')
          .selectAll()
          .where('entry_id', '=', row.id)
          .orderBy('at')
          .orderBy('id')
          .execute()
      : [];
    const state = await this.lifecycleState(executor, row);
    const provider = (await this.#providers(executor, [row])).get(row.provider_department_id) as ProviderRef;
    return {
      ...toSummary(row, provider, reads),
      content: JSON.parse(shown.content) as EntryContent,
      ...(published && reads && published.version !== shown.version
        ? { publishedContent: JSON.parse(published.content) as EntryContent }
        : {}),
      versions: versions.map(toVersionSummary),
      reviews: reviews.map((r) => ({
        action: r.action,
        comment: r.comment,
        actorName: r.actor_name,
        at: r.at,
        version: r.version,
      })),
      ...(reads && current && state.currentStatus === 'submitted' && state.reduces
        ? {
            pendingReduction: {
              version: current.version,
              reasons: parseReductions(current),
              changeReason: current.change_reason,
            },
          }
        : {}),
      allowedActions: allowedActions(actor, row, state),
    };
  }

  /** Entries the actor may see, filtered in SQL before paging. */
  async list(
    actor: Actor,
    filters: EntryFilters,
    page: { page: number; pageSize: number },
  ): Promise<{ items: EntrySummary[]; total: number }> {
    authorize(actor, CatalogActions['catalog.read']);
    let query = tables(this.deps.db)
      .selectFrom('catalog_entry')
      .where((eb) => catalogVisibilityFilter(eb, actor));
    const { status } = filters;
    if (status === 'published' || status === 'withdrawn') query = query.where('status', '=', status);
    else if (status)
      query = query.where('current_status', '=', status).where((eb) => unpublishedScopeFilter(eb, actor));
    if (filters.mine) query = query.where('provider_department_id', '=', actor.departmentId);
    if (filters.providerDepartmentId)
      query = query.where('provider_department_id', '=', filters.providerDepartmentId);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute();
    const providers = await this.#providers(this.deps.db, rows);
    return {
      items: rows.map((r) =>
        toSummary(r, providers.get(r.provider_department_id) as ProviderRef, canReadUnpublished(actor, r)),
      ),
      total: Number(total.n),
    };
  }

  /** Entries awaiting the authority in the actor's jurisdiction: submissions and reductions. */
  async inbox(
    actor: Actor,
  ): Promise<{ items: (EntrySummary & { pendingReduction?: EntryDetail['pendingReduction'] })[] }> {
    const scope = scopeOf(actor, CatalogActions['catalog.ratify']);
    if (scope.kind === 'none') authorize(actor, CatalogActions['catalog.ratify']);
    const rows = await tables(this.deps.db)
      .selectFrom('catalog_entry')
      .selectAll()
      .where('current_status', '=', 'submitted')
      .where((eb) => scopeFilter(eb, scope))
      .orderBy('updated_at')
      .limit(500)
      .execute();
    const details = await Promise.all(rows.map((r) => this.#detail(actor, r, this.deps.db)));
    return {
      items: details.map(
        ({ content: _c, publishedContent: _p, versions: _v, reviews: _r, allowedActions: _a, ...s }) => s,
      ),
    };
  }

  /** One version of an entry; readers who may not read unpublished state see only what was published. */
  async version(actor: Actor, id: string, version: number): Promise<VersionDetail> {
    const entry = await this.get(actor, id);
    if (!entry.versions.some((v) => v.version === version))
      throw new AppError('CATALOG_VERSION_NOT_FOUND', { id, version });
    const row = await tables(this.deps.db)
      .selectFrom('catalog_version')
      .selectAll()
      .where('entry_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    return toVersionDetail(row);
  }

  /** What changed between two versions (default: the published one and the newest the reader sees). */
  async diff(
    actor: Actor,
    id: string,
    range: { from?: number | undefined; to?: number | undefined },
  ): Promise<{ from: number; to: number; changes: ContentChange[]; reductions: string[] }> {
    const entry = await this.get(actor, id);
    const to = range.to ?? entry.currentVersion;
    const from =
      range.from ??
      (entry.publishedVersion && entry.publishedVersion !== to ? entry.publishedVersion : to - 1);
    const [before, after] = await Promise.all([this.version(actor, id, from), this.version(actor, id, to)]);
    return {
      from,
      to,
      changes: diffContents(before.content, after.content),
      reductions: reductionsOf(before.content, after.content),
    };
  }

  /** The published content of every published entry (exports, the open catalog, editions). */
  async listPublished(executor: Executor = this.deps.db): Promise<PublishedEntry[]> {
    const rows = await tables(executor)
      .selectFrom('catalog_entry')
      .innerJoin('catalog_version', (join) =>
        join
          .onRef('catalog_version.entry_id', '=', 'catalog_entry.id')
          .onRef('catalog_version.version', '=', 'catalog_entry.published_version'),
      )
      .selectAll('catalog_entry')
      .select(['catalog_version.content as content'])
      .where('catalog_entry.status', '=', 'published')
      .orderBy('catalog_entry.code')
      .execute();
    const providers = await this.#providers(executor, rows);
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      version: r.published_version as number,
      publishDate: r.publish_date,
      provider: providers.get(r.provider_department_id) as ProviderRef,
      jurisdictionPath: r.jurisdiction_path,
      content: JSON.parse(r.content) as EntryContent,
    }));
  }
}
