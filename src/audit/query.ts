import type { Kysely, Selectable } from 'kysely';
import type { RequestContext } from '../platform/context/index.js';

import type { AuditContext, AuditEvent } from './index.js';
import {
  filterForTrace,
  filterTerms,
  type ResolvedFilter,
  resolveFilter,
  type TraceFilter,
} from './query-filter.js';
import {
  type DepartmentDirectory,
  type DepartmentRef,
  entryScopeFilter,
  type ResolvedScope,
  resolveScope,
  scopeCovers,
} from './query-scope.js';
import type { AccessMethod, AuditCategory, AuditEntryTable, AuditOutcome, AuditTables } from './schema.js';
import { AuditViewErrors } from './views-errors.js';

/** The part of the audit trail the views use: writing their own entries and digesting ID numbers. */
export interface TrailAccess {
  record(executor: Kysely<AuditTables>, context: AuditContext, event: AuditEvent): Promise<unknown>;
  subjectDigest(kind: 'resident_id', value: string): string | Promise<string>;
}

export interface TraceQueryDeps {
  db: Kysely<AuditTables>;
  audit: TrailAccess;
  directory: DepartmentDirectory;
}

/** One entry of the trace as an auditor reads it. */
export interface TraceEntry {
  seq: number;
  id: string;
  at: string;
  category: AuditCategory;
  actor: { kind: string; id: string | null; name: string | null };
  department: { id: string; name: string | null } | null;
  action: string;
  target: { type: string; id: string | null } | null;
  outcome: AuditOutcome;
  resourceId: string | null;
  items: string[] | null;
  method: AccessMethod | null;
  purpose: string | null;
  caseNumber: string | null;
  grantId: string | null;
  resultCount: number | null;
  /** Record keys as stored: personal identifiers only as keyed digests. */
  recordKeys: unknown[] | null;
  detail: Record<string, unknown>;
  requestId: string | null;
  clientIp: string | null;
  prevHash: string;
  hash: string;
}

export interface TracePage {
  items: TraceEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

const READ = 'audit.read';

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Maps a stored row to what the API answers, naming the department when the directory knows it. */
export function toTraceEntry(
  row: Selectable<AuditEntryTable>,
  names: Map<string, DepartmentRef>,
): TraceEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    category: row.category,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    department: row.department_id
      ? { id: row.department_id, name: names.get(row.department_id)?.name ?? null }
      : null,
    action: row.action,
    target: row.target_type ? { type: row.target_type, id: row.target_id } : null,
    outcome: row.outcome,
    resourceId: row.resource_id,
    items: parseJson<string[] | null>(row.items, null),
    method: row.method,
    purpose: row.purpose,
    caseNumber: row.case_number,
    grantId: row.grant_id,
    resultCount: row.result_count === null ? null : Number(row.result_count),
    recordKeys: parseJson<unknown[] | null>(row.record_keys, null),
    detail: parseJson<Record<string, unknown>>(row.detail, {}),
    requestId: row.request_id,
    clientIp: row.client_ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Searches the trace for auditors (R86, R88, R117). The reader's authorization scope is part of
 * the query, pages are keyed on `seq` (newest first, stable while new entries arrive), and every
 * read writes its own `audit.search` / `audit.export` entry in the same transaction.
 */
export class TraceQuery {
  constructor(private readonly deps: TraceQueryDeps) {}

  /** Validates the filter and digests the ID number with the trail's key. */
  resolve(filter: TraceFilter, fieldPrefix?: string): Promise<ResolvedFilter> {
    return resolveFilter(filter, (id) => this.deps.audit.subjectDigest('resident_id', id), fieldPrefix);
  }

  #page(
    db: Kysely<AuditTables>,
    scope: ResolvedScope,
    filter: ResolvedFilter,
    before: number | undefined,
    limit: number,
  ) {
    return db
      .selectFrom('audit_entry')
      .selectAll()
      .where((eb) => {
        const terms = [entryScopeFilter(eb, scope), ...filterTerms(eb, filter)];
        if (before !== undefined) terms.push(eb('audit_entry.seq', '<', before));
        return eb.and(terms);
      })
      .orderBy('audit_entry.seq', 'desc')
      .limit(limit)
      .execute();
  }

  /** One page of entries matching the filter, within the reader's scope. */
  async search(
    ctx: RequestContext,
    filter: TraceFilter,
    page: { before?: number | undefined; limit: number },
    fieldPrefix?: string,
  ): Promise<TracePage> {
    const departments = await this.deps.directory.all(ctx);
    const scope = await resolveScope(ctx, READ, this.deps.directory, departments);
    const resolved = await this.resolve(filter, fieldPrefix);
    return this.deps.db.transaction().execute(async (trx) => {
      const rows = await this.#page(trx, scope, resolved, page.before, page.limit + 1);
      const items = rows.slice(0, page.limit).map((r) => toTraceEntry(r, departments));
      await this.deps.audit.record(trx, ctx, {
        action: 'audit.search',
        targetType: 'audit_trace',
        detail: { filter: filterForTrace(resolved), before: page.before ?? null, returned: items.length },
      });
      const last = items.at(-1);
      return { items, nextCursor: rows.length > page.limit && last ? last.seq : null };
    });
  }

  /** One entry by its chain position; an entry outside the reader's scope does not exist for it. */
  async entry(ctx: RequestContext, seq: number): Promise<TraceEntry> {
    const departments = await this.deps.directory.all(ctx);
    const scope = await resolveScope(ctx, READ, this.deps.directory, departments);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('audit_entry').selectAll().where('seq', '=', seq).executeTakeFirst();
      if (!row || !(scopeCovers(scope, row.department_id) || readsOwn(scope, row.actor_id)))
        throw AuditViewErrors.error('AUDIT_TRACE_ENTRY_NOT_FOUND', { seq });
      await this.deps.audit.record(trx, ctx, {
        action: 'audit.search',
        targetType: 'audit_entry',
        targetId: String(seq),
      });
      return toTraceEntry(row, departments);
    });
  }

  /**
   * Every entry matching the filter, newest first, for export. The `audit.export` entry is
   * committed before the first row leaves, so nothing is exported without its trace.
   */
  async export(
    ctx: RequestContext,
    filter: TraceFilter,
    format: string,
  ): Promise<AsyncGenerator<TraceEntry>> {
    const departments = await this.deps.directory.all(ctx);
    const scope = await resolveScope(ctx, READ, this.deps.directory, departments);
    const resolved = await this.resolve(filter);
    await this.deps.db.transaction().execute((trx) =>
      this.deps.audit.record(trx, ctx, {
        action: 'audit.export',
        targetType: 'audit_trace',
        detail: { filter: filterForTrace(resolved), format },
      }),
    );
    const db = this.deps.db;
    const page = (before: number | undefined) => this.#page(db, scope, resolved, before, 1000);
    return (async function* rows() {
      let before: number | undefined;
      for (;;) {
        const batch = await page(before);
        for (const row of batch) yield toTraceEntry(row, departments);
        if (batch.length < 1000) return;
        before = Number(batch.at(-1)?.seq);
      }
    })();
  }
}

function readsOwn(scope: ResolvedScope, actorId: string | null): boolean {
  return scope.kind === 'within' && actorId !== null && scope.actorIds.includes(actorId);
}
