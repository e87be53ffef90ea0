import { authorize, scopeOf } from '../org/index.js';
import { type CalendarService, chinaDate, deadlineView } from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { absentOn } from '../platform/errors/index.js';
import { type ContentChange, diffContents, type Reduction, reductionsOf } from './diff.js';
import { CatalogErrors } from './errors.js';
import { allowedActions, type LifecycleState } from './lifecycle.js';
import type { EntryContent, EntryStatus } from './model.js';
import { CatalogActions } from './policies.js';
import {
  type CatalogDb,
  type EntryDetail,
  type EntryRow,
  type EntrySummary,
  entryRow,
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

export interface CatalogReaderDeps {
  db: CatalogDb;
  clock: Clock;
  calendar: Pick<CalendarService, 'calendar'>;
  /** The provider department's name and USCC, read in the given executor (see `CatalogServiceDeps`). */
  departments: ProviderLookup;
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

/** An entry awaiting the authority: its summary and, for a reduction, what it takes away. */
export type InboxItem = EntrySummary & { pendingReduction?: EntryDetail['pendingReduction'] };

/** What changed between two versions of an entry. */
export interface EntryDiff {
  from: number;
  to: number;
  changes: ContentChange[];
  reductions: Reduction[];
}

/**
 * Reading the resource catalog: entries, their versions and lists, each only as far as the reader
 * may see it. `CatalogService` answers these calls; its transitions change what they read.
 */
export class CatalogReader {
  constructor(private readonly deps: CatalogReaderDeps) {}

  /** Provider references for a page of rows, asking once per department. */
  async providers(executor: Executor, rows: EntryRow[]): Promise<Map<string, ProviderRef>> {
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

  /**
   * The entry as the actor may see it; entries it may not see do not exist for it. `executor` may
   * be another module's transaction (exchange, sharing) reading the entry in it.
   */
  async get(actor: Actor, id: string, executor: Executor = this.deps.db): Promise<EntryDetail> {
    const db = tables(executor);
    authorize(actor, CatalogActions['catalog.read']);
    const row = await absentOn(entryRow(db, id), 'CATALOG_NOT_FOUND');
    if (!row || !isEntryVisible(actor, row)) throw CatalogErrors.error('CATALOG_NOT_FOUND', { id });
    return this.detail(actor, row, db);
  }

  async getByCode(actor: Actor, code: string): Promise<EntryDetail> {
    const row = await this.deps.db
      .selectFrom('catalog_entry')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw CatalogErrors.error('CATALOG_NOT_FOUND', { id: code });
    return this.get(actor, row.id);
  }

  /** The lifecycle state of an entry's newest version, as `allowedActions` and the transitions need it. */
  async lifecycleState(executor: CatalogDb, row: EntryRow): Promise<LifecycleState> {
    const version = await executor
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

  /** The entry's detail as the actor may see it (the row is known to be visible to it). */
  async detail(actor: Actor, row: EntryRow, db: CatalogDb): Promise<EntryDetail> {
    const reads = canReadUnpublished(actor, row);
    let versionQuery = db.selectFrom('catalog_version').selectAll().where('entry_id', '=', row.id);
    if (!reads) versionQuery = versionQuery.where('status', 'in', PUBLIC_VERSION_STATUSES);
    const versions = await versionQuery.orderBy('version').execute();
    const shownVersion = reads ? row.current_version : (row.published_version ?? row.current_version);
    const shown = versions.find((v) => v.version === shownVersion);
    if (!shown) throw CatalogErrors.error('CATALOG_NOT_FOUND', { id: row.id });
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
    const state = await this.lifecycleState(db, row);
    const provider = (await this.providers(db, [row])).get(row.provider_department_id) as ProviderRef;
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
      ...(reads && current?.review_due_date
        ? { reviewDeadline: await this.#reviewDeadline(current, state.currentStatus === 'submitted') }
        : {}),
      allowedActions: allowedActions(actor, row, state),
    };
  }

  /** 809 第十七条第三款: the authority's review of the submitted update, counting down until decided. */
  async #reviewDeadline(
    version: {
      review_due_date: string | null;
      review_article: string | null;
      review_overdue_at: string | null;
    },
    running: boolean,
  ) {
    const calendar = await this.deps.calendar.calendar();
    const view = deadlineView(
      calendar,
      chinaDate(this.deps.clock.now()),
      { dueDate: version.review_due_date as string, article: version.review_article },
      running,
    );
    return { ...view, overdueFlaggedAt: version.review_overdue_at };
  }

  /** Entries the actor may see, filtered in SQL before paging. */
  async list(
    actor: Actor,
    filters: EntryFilters,
    page: { page: number; pageSize: number },
  ): Promise<{ items: EntrySummary[]; total: number }> {
    authorize(actor, CatalogActions['catalog.read']);
    let query = this.deps.db.selectFrom('catalog_entry').where((eb) => catalogVisibilityFilter(eb, actor));
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
    const providers = await this.providers(this.deps.db, rows);
    return {
      items: rows.map((r) =>
        toSummary(r, providers.get(r.provider_department_id) as ProviderRef, canReadUnpublished(actor, r)),
      ),
      total: Number(total.n),
    };
  }

  /** Entries awaiting the authority in the actor's jurisdiction: submissions and reductions. */
  async inbox(actor: Actor): Promise<{ items: InboxItem[] }> {
    const scope = scopeOf(actor, CatalogActions['catalog.ratify']);
    if (scope.kind === 'none') authorize(actor, CatalogActions['catalog.ratify']);
    const rows = await this.deps.db
      .selectFrom('catalog_entry')
      .selectAll()
      .where('current_status', '=', 'submitted')
      .where((eb) => scopeFilter(eb, scope))
      .orderBy('updated_at')
      .limit(500)
      .execute();
    const details = await Promise.all(rows.map((r) => this.detail(actor, r, this.deps.db)));
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
      throw CatalogErrors.error('CATALOG_VERSION_NOT_FOUND', { id, version });
    const row = await this.deps.db
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
  ): Promise<EntryDiff> {
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
  async listPublished(executor: CatalogDb = this.deps.db): Promise<PublishedEntry[]> {
    const rows = await executor
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
    const providers = await this.providers(executor, rows);
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
