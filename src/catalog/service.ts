import type { AuditTrail } from '../audit/index.js';
import { authorize, DepartmentService, type OrgTables } from '../org/index.js';
import {
  type CalendarService,
  createCalendarServices,
  type DeadlineService,
} from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { NetworkZone } from '../platform/config/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import type { DialectName, Executor } from '../platform/db/index.js';
import { newId, tablesOf } from '../platform/db/index.js';

import type { Profile } from '../platform/profiles/index.js';
import { classificationCode, isUniqueViolation, nextSequence, resourceCode } from './codes.js';
import { CatalogErrors } from './errors.js';
import type { LifecycleState } from './lifecycle.js';
import type { EntryContent } from './model.js';
import type { AuthorityEscalator } from './obligations.js';
import { CatalogActions } from './policies.js';
import { type AccountableLookup, type PreparationInput, Preparations } from './preparation.js';
import {
  CatalogReader,
  type EntryDiff,
  type EntryFilters,
  type InboxItem,
  type ProviderLookup,
  type PublishedEntry,
} from './reader.js';
import {
  type CatalogDb,
  type EntryDetail,
  type EntryRow,
  type EntrySummary,
  entryRow,
  listedColumns,
  type VersionDetail,
} from './store.js';
import { Transitions } from './transitions.js';
import { assertValid, type ValidationIssue, validateEntryContent } from './validation.js';

/** Keeps the search index in step with the catalog, in the catalog's own transaction. */
export interface CatalogSearchHook {
  reindex(executor: CatalogDb, entryId: string): Promise<void>;
}

/** Told of every approved reduction, in the approving transaction (R11: holders are told in advance). */
export type ReductionListener = (
  trx: CatalogDb,
  event: { entryId: string; version: number; reductions: string[]; reason: string | null },
) => Promise<void>;

export type {
  EntryDiff,
  EntryFilters,
  InboxItem,
  ProviderInfo,
  ProviderLookup,
  PublishedEntry,
} from './reader.js';

export interface CatalogServiceDeps {
  db: CatalogDb;
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
  /**
   * The department's sharing-office head (809 第十一条, 第十三条). Defaults to org's
   * `DepartmentService.accountable` over the same database.
   */
  accountable?: AccountableLookup;
  /** N06/R128: an overdue review escalates to the head of the authority's department (composition root). */
  escalateToAuthority?: AuthorityEscalator;
  /** Where the authority's review deadline (第十七条第三款) is kept; defaults to the calendar's over `db`. */
  deadlines?: Pick<DeadlineService, 'set'>;
  calendar?: Pick<CalendarService, 'calendar'>;
}

/** Overrides of the instance's profile and zone for one call (import previews, tests). */
export interface CatalogCallContext {
  profile?: Profile;
  networkZone?: NetworkZone;
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
  readonly #reader: CatalogReader;
  /** 809 第十三条第一款: assessments and the head's approval before submission (N02). */
  readonly preparations: Preparations;
  readonly deadlines: Pick<DeadlineService, 'set'>;
  readonly calendar: Pick<CalendarService, 'calendar'>;

  constructor(private readonly deps: CatalogServiceDeps) {
    const org = deps.accountable
      ? undefined
      : new DepartmentService(tablesOf<OrgTables>(deps.db), deps.audit, deps.clock);
    const fallback = createCalendarServices({ storage: { db: deps.db }, clock: deps.clock });
    this.deadlines = deps.deadlines ?? fallback.deadlines;
    this.calendar = deps.calendar ?? fallback.calendar;
    this.preparations = new Preparations(
      deps,
      deps.accountable ?? ((id, executor) => (org as DepartmentService).accountable(id, executor)),
    );
    this.#transitions = new Transitions(deps, this);
    this.#reader = new CatalogReader({ ...deps, calendar: this.calendar });
  }

  /** The assessments and approval of an entry's current content, and what is still missing. */
  preparation(actor: Actor, id: string) {
    return this.preparations.status(actor, id);
  }

  recordPreparation(who: Actor | RequestContext, id: string, input: PreparationInput) {
    return this.preparations.record(requestContextOf(who), id, input);
  }

  /** Flags submitted updates whose review (第十七条第三款) is overdue; once each. Answers how many. */
  sweepOverdueReviews(now: Date): Promise<number> {
    return this.#transitions.sweepOverdueReviews(now);
  }

  /** The entry as the actor may see it; entries it may not see do not exist for it. */
  get(actor: Actor, id: string, executor: Executor = this.deps.db): Promise<EntryDetail> {
    return this.#reader.get(actor, id, executor);
  }

  getByCode(actor: Actor, code: string): Promise<EntryDetail> {
    return this.#reader.getByCode(actor, code);
  }

  /** Entries the actor may see, filtered in SQL before paging. */
  list(
    actor: Actor,
    filters: EntryFilters,
    page: { page: number; pageSize: number },
  ): Promise<{ items: EntrySummary[]; total: number }> {
    return this.#reader.list(actor, filters, page);
  }

  /** Entries awaiting the authority in the actor's jurisdiction: submissions and reductions. */
  inbox(actor: Actor): Promise<{ items: InboxItem[] }> {
    return this.#reader.inbox(actor);
  }

  /** One version of an entry; readers who may not read unpublished state see only what was published. */
  version(actor: Actor, id: string, version: number): Promise<VersionDetail> {
    return this.#reader.version(actor, id, version);
  }

  /** What changed between two versions (default: the published one and the newest the reader sees). */
  diff(
    actor: Actor,
    id: string,
    range: { from?: number | undefined; to?: number | undefined },
  ): Promise<EntryDiff> {
    return this.#reader.diff(actor, id, range);
  }

  /** The published content of every published entry (exports, the open catalog, editions). */
  listPublished(executor: CatalogDb = this.deps.db): Promise<PublishedEntry[]> {
    return this.#reader.listPublished(executor);
  }

  /** The lifecycle state of an entry's newest version, as `allowedActions` and the transitions need it. */
  lifecycleState(executor: CatalogDb, row: EntryRow): Promise<LifecycleState> {
    return this.#reader.lifecycleState(executor, row);
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
  async reindex(trx: CatalogDb, id: string): Promise<void> {
    await this.#reindex(trx, id);
  }

  async #reindex(trx: CatalogDb, id: string): Promise<void> {
    await this.deps.search.reindex(trx, id);
  }

  async #provider(
    executor: CatalogDb,
    id: string,
  ): Promise<{ id: string; name: string; code: string; jurisdictionPath: string }> {
    const d = await this.deps.departments(executor, id);
    if (!d)
      throw CatalogErrors.error('CATALOG_PROVIDER_INVALID', { field: 'providerDepartmentId', reason: id });
    return { id: d.id, name: d.name, code: d.uscc, jurisdictionPath: d.jurisdictionPath };
  }

  /** Creates a draft for the actor's department (or a given one it manages); the code is assigned now. */
  async createDraft(
    who: Actor | RequestContext,
    input: { providerDepartmentId?: string | undefined; content: unknown },
    ctx: CatalogCallContext = {},
    trx?: CatalogDb,
  ): Promise<EntryDetail> {
    const rc = requestContextOf(who);
    const id = trx
      ? await this.#insertDraft(trx, rc, input, ctx)
      : await this.#withCodeRetry((t) => this.#insertDraft(t, rc, input, ctx));
    return trx ? this.#reader.detail(rc.actor, await entryRow(trx, id), trx) : this.get(rc.actor, id);
  }

  /** A lost race for a department number or code aborts the transaction; one retry draws again. */
  async #withCodeRetry<T>(work: (trx: CatalogDb) => Promise<T>): Promise<T> {
    try {
      return await this.deps.db.transaction().execute(work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.deps.db.transaction().execute(work);
    }
  }

  async #insertDraft(
    trx: CatalogDb,
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
    await trx
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
    await trx
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
}
