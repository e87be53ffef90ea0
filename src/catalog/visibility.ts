import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Scope, scopeOf } from '../org/index.js';
import type { Actor } from '../platform/context/index.js';
import { escapeLike } from '../platform/db/index.js';
import { CatalogActions } from './policies.js';

/** The columns of a catalog query that visibility is decided on (qualified names or aliases). */
export interface VisibilityColumns {
  status: string;
  providerDepartmentId: string;
  jurisdictionPath: string;
}

/** The columns of `catalog_entry` itself. */
export const ENTRY_VISIBILITY_COLUMNS: VisibilityColumns = {
  status: 'catalog_entry.status',
  providerDepartmentId: 'catalog_entry.provider_department_id',
  jurisdictionPath: 'catalog_entry.jurisdiction_path',
};

/** Statuses every reader may see: published entries, and withdrawn ones shown as withdrawn. */
export const PUBLIC_STATUSES = ['published', 'withdrawn'] as const;

/**
 * The authorization decision for catalog reads as a WHERE clause, so that lists, searches and
 * facet counts never include what the reader may not see: published (or withdrawn) entries,
 * or entries whose provider lies within the reader's `catalog.readUnpublished` scope.
 *
 * @example
 * db.selectFrom('catalog_entry').selectAll()
 *   .where((eb) => catalogVisibilityFilter(eb, actor))
 */
export function catalogVisibilityFilter<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: Actor,
  columns: VisibilityColumns = ENTRY_VISIBILITY_COLUMNS,
): Expression<SqlBool> {
  const status = sql.ref(columns.status);
  return eb.or([
    sql<SqlBool>`${status} in (${sql.join([...PUBLIC_STATUSES])})`,
    unpublishedScopeFilter(eb, actor, columns),
  ]);
}

/**
 * The entries whose unpublished state (drafts, submissions, revisions under way) the actor may
 * read: its `catalog.readUnpublished` scope as a WHERE clause.
 */
export function unpublishedScopeFilter<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  actor: Actor,
  columns: VisibilityColumns = ENTRY_VISIBILITY_COLUMNS,
): Expression<SqlBool> {
  return scopeFilter(eb, scopeOf(actor, CatalogActions['catalog.readUnpublished']), columns);
}

/** Any authorization scope over the provider's department and jurisdiction as a WHERE clause. */
export function scopeFilter<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: Scope,
  columns: Pick<VisibilityColumns, 'providerDepartmentId' | 'jurisdictionPath'> = ENTRY_VISIBILITY_COLUMNS,
): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'none') return sql<SqlBool>`1 = 0`;
  const terms: Expression<SqlBool>[] = [];
  const path = sql.ref(columns.jurisdictionPath);
  for (const prefix of scope.jurisdictionPaths)
    terms.push(sql<SqlBool>`${path} like ${`${escapeLike(prefix)}%`} escape '\\'`);
  if (scope.departmentIds.length > 0)
    terms.push(sql<SqlBool>`${sql.ref(columns.providerDepartmentId)} in (${sql.join(scope.departmentIds)})`);
  return terms.length > 0 ? eb.or(terms) : sql<SqlBool>`1 = 0`;
}

/** Whether one entry is visible to the actor: the same decision as the filter, for a single row. */
export function isEntryVisible(
  actor: Actor,
  entry: { status: string; provider_department_id: string; jurisdiction_path: string },
): boolean {
  if ((PUBLIC_STATUSES as readonly string[]).includes(entry.status)) return true;
  return canReadUnpublished(actor, entry);
}

export function canReadUnpublished(
  actor: Actor,
  entry: { provider_department_id: string; jurisdiction_path: string },
): boolean {
  const scope = scopeOf(actor, CatalogActions['catalog.readUnpublished']);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return (
    scope.departmentIds.includes(entry.provider_department_id) ||
    scope.jurisdictionPaths.some((p) => entry.jurisdiction_path.startsWith(p))
  );
}
