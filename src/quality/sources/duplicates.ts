import type { EntryContent, LegalBasis } from '../../catalog/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { type Executor, newId } from '../../platform/db/index.js';
import type { QualityDeps } from '../deps.js';
import { DuplicateCase } from './cases.js';
import { SourceNotices } from './notices.js';
import { requiredText } from './registry.js';
import type { DuplicateStatus, QualityDuplicateTable, QualitySourceTable } from './schema.js';
import { caseScope, PLATFORM_ACTOR, PLATFORM_CONTEXT } from './scope.js';

/** A duplicate collection flag as the API answers it. */
export interface DuplicateFlag {
  id: string;
  number: string;
  status: DuplicateStatus;
  itemName: string;
  source: { id: string; departmentId: string; entry: { id: string; code: string; name: string } };
  entry: { id: string; code: string; name: string; status: string };
  department: { id: string };
  decisionNote: string | null;
  legalBasis: LegalBasis | null;
  decidedAt: string | null;
  createdAt: string;
  allowedActions: string[];
  timeline?: { action: string; actor: { id: string | null; name: string }; at: string; detail: unknown }[];
}

/** An entry a department catalogs, as the duplicate check reads it. */
interface CatalogedEntry {
  id: string;
  code: string;
  status: 'published' | 'submitted';
  departmentId: string;
  jurisdictionPath: string;
  content: EntryContent;
}

const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/**
 * Duplicate collection (重复采集, 809 第四十条(一), R77): an entry, published or submitted, of a
 * department other than the source that catalogs an item a designated source provides is flagged
 * for the authority, once per designation × entry. The catalog does not know of sources: the
 * check reads it from here, by the job and when a source is designated.
 */
export class DuplicateFlags {
  readonly #kernel;
  readonly #step;

  constructor(private readonly deps: QualityDeps) {
    this.#kernel = deps.sharing.cases;
    this.#step = this.#kernel.stepper(DuplicateCase, (actor, id) => this.get(actor, id));
  }

  /**
   * Flags the entries that collect what the given designations (default: all in force) already
   * provide; answers how many flags it raised. Entries under a more specific designation of the
   * same item are that designation's.
   */
  async detect(
    designations: readonly QualitySourceTable[],
    all: readonly QualitySourceTable[],
  ): Promise<number> {
    if (designations.length === 0) return 0;
    const entries = await this.#cataloged();
    let raised = 0;
    for (const source of designations)
      for (const entry of entries) {
        if (entry.id === source.entry_id || entry.departmentId === source.department_id) continue;
        if (!entry.jurisdictionPath.startsWith(source.jurisdiction_path)) continue;
        if (!entry.content.items.some((i) => i.name === source.item_name)) continue;
        if (governing(all, source.item_name, entry.jurisdictionPath)?.id !== source.id) continue;
        if (await this.#flag(source, entry)) raised++;
      }
    return raised;
  }

  useSource(ctx: RequestContext, id: string, note: string | undefined) {
    return this.#step(ctx, id, 'use_source', async ({ trx, row, at }) => {
      const text = note?.trim() || null;
      return {
        set: { decision_note: text, decided_by: ctx.actor.id, decided_at: at },
        detail: { note: text },
        notices: [await this.#toDepartment(trx, row, 'source.use_source', { note: text ?? '' })],
      };
    });
  }

  lawful(ctx: RequestContext, id: string, input: { reason: string; legalBasis: LegalBasis }) {
    return this.#step(ctx, id, 'lawful', async ({ trx, row, at }) => {
      const reason = requiredText(input.reason, { zh: '依法采集的理由', en: 'why the collection is lawful' });
      const basis: LegalBasis = {
        kind: input.legalBasis.kind,
        title: requiredText(input.legalBasis.title, { zh: '法律依据名称', en: 'the legal basis' }),
        article: requiredText(input.legalBasis.article, { zh: '条款', en: 'the article' }),
      };
      return {
        set: {
          decision_note: reason,
          legal_basis: JSON.stringify(basis),
          decided_by: ctx.actor.id,
          decided_at: at,
        },
        detail: { reason, legalBasis: basis },
        notices: [
          await this.#toDepartment(trx, row, 'source.lawful', {
            basis: `${basis.title}${basis.article}`,
            note: reason,
          }),
        ],
      };
    });
  }

  async get(actor: Actor, id: string): Promise<DuplicateFlag> {
    const view = await this.#kernel.get(DuplicateCase, actor, id);
    return {
      ...present(view.row, view.allowedActions),
      timeline: view.timeline.map(({ action, actor: by, at, detail }) => ({ action, actor: by, at, detail })),
    };
  }

  async list(
    actor: Actor,
    filter: { status?: DuplicateStatus | undefined; page: number; pageSize: number },
  ): Promise<{ items: DuplicateFlag[]; total: number }> {
    let query = this.deps.db
      .selectFrom('quality_source_duplicate')
      .where(caseScope<'quality_source_duplicate'>(actor, ['department_id', 'source_department_id']));
    if (filter.status) query = query.where('status', '=', filter.status);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return {
      items: rows.map((r) => present(r, DuplicateCase.allowedActions(actor, r))),
      total: Number(total.n),
    };
  }

  /** Published entries and those submitted to the authority (a new collection about to be ratified). */
  async #cataloged(): Promise<CatalogedEntry[]> {
    const published = await this.deps.catalog.listPublished();
    const entries: CatalogedEntry[] = published.map((e) => ({
      id: e.id,
      code: e.code,
      status: 'published',
      departmentId: e.provider.id,
      jurisdictionPath: e.jurisdictionPath,
      content: e.content,
    }));
    const seen = new Set(entries.map((e) => e.id));
    const inbox = await this.deps.catalog.inbox(PLATFORM_ACTOR);
    for (const summary of inbox.items) {
      if (summary.currentStatus !== 'submitted') continue;
      const detail = await this.deps.catalog.get(PLATFORM_ACTOR, summary.id);
      const provider = await this.deps.departments(this.deps.db, detail.provider.id);
      if (!provider) continue;
      const entry: CatalogedEntry = {
        id: detail.id,
        code: detail.code,
        status: 'submitted',
        departmentId: provider.id,
        jurisdictionPath: provider.jurisdictionPath,
        content: detail.content,
      };
      // A submitted revision of a published entry: its new version is what the department will collect.
      if (seen.has(entry.id))
        entries.splice(
          entries.findIndex((e) => e.id === entry.id),
          1,
          entry,
        );
      else entries.push(entry);
    }
    return entries;
  }

  async #flag(source: QualitySourceTable, entry: CatalogedEntry): Promise<boolean> {
    const existing = await this.deps.db
      .selectFrom('quality_source_duplicate')
      .select('id')
      .where('source_id', '=', source.id)
      .where('entry_id', '=', entry.id)
      .executeTakeFirst();
    if (existing) return false;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row: QualityDuplicateTable = {
      id: newId(now),
      number: '',
      status: 'flagged',
      source_id: source.id,
      item_name: source.item_name,
      jurisdiction_path: source.jurisdiction_path,
      source_department_id: source.department_id,
      source_entry_id: source.entry_id,
      source_entry_code: source.entry_code,
      source_entry_name: source.entry_name,
      entry_id: entry.id,
      entry_code: entry.code,
      entry_name: entry.content.name,
      entry_status: entry.status,
      department_id: entry.departmentId,
      department_jurisdiction_path: entry.jurisdictionPath,
      decision_note: null,
      legal_basis: null,
      decided_by: null,
      decided_at: null,
      created_at: at,
      updated_at: at,
    };
    try {
      // Inside the opening transaction: SQLite has one connection, so reads go through `trx`.
      await this.#kernel.open(DuplicateCase, PLATFORM_CONTEXT, row, async ({ trx }) => {
        const department = await this.deps.departments(trx, entry.departmentId);
        return {
          detail: { item: source.item_name, entryCode: entry.code, sourceEntryCode: source.entry_code },
          notices: [
            {
              to: { role: 'authority', jurisdictionPath: source.jurisdiction_path },
              ...SourceNotices.notice('source.duplicate_flagged', {
                entry: entry.content.name,
                department: department?.name ?? entry.departmentId,
                item: source.item_name,
                source: source.department_name,
                sourceEntry: source.entry_name,
              }),
              link: '/quality/sources?tab=duplicates',
              case: { type: DuplicateCase.type, id: row.id },
            },
          ],
        };
      });
    } catch (error) {
      // Another node flagged the same entry in the meantime: one flag is enough.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    return true;
  }

  async #toDepartment(
    trx: Executor,
    row: QualityDuplicateTable,
    kind: 'source.use_source' | 'source.lawful',
    params: Record<string, string>,
  ) {
    const source = await this.deps.departments(trx, row.source_department_id);
    return {
      to: { departmentId: row.department_id, role: 'resource_admin' as const },
      ...SourceNotices.notice(kind, {
        number: row.number,
        item: row.item_name,
        source: source?.name ?? row.source_department_id,
        sourceEntry: `${row.source_entry_code} ${row.source_entry_name}`,
        ...params,
      }),
      link: `/cases/${DuplicateCase.type}/${row.id}`,
      case: { type: DuplicateCase.type, id: row.id },
    };
  }
}

/** The designation in force for an item where an entry is: the most specific jurisdiction's. */
export function governing(
  all: readonly QualitySourceTable[],
  item: string,
  jurisdictionPath: string,
): QualitySourceTable | undefined {
  return all
    .filter(
      (s) =>
        s.status === 'active' && s.item_name === item && jurisdictionPath.startsWith(s.jurisdiction_path),
    )
    .sort((a, b) => b.jurisdiction_path.length - a.jurisdiction_path.length)[0];
}

function present(row: QualityDuplicateTable, allowedActions: string[]): DuplicateFlag {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    itemName: row.item_name,
    source: {
      id: row.source_id,
      departmentId: row.source_department_id,
      entry: { id: row.source_entry_id, code: row.source_entry_code, name: row.source_entry_name },
    },
    entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name, status: row.entry_status },
    department: { id: row.department_id },
    decisionNote: row.decision_note,
    legalBasis: row.legal_basis ? (JSON.parse(row.legal_basis) as LegalBasis) : null,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    allowedActions,
  };
}
