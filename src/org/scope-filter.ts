import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Scope } from './authz/index.js';
import type { OrgTables } from './schema.js';

type UserQuery = ExpressionBuilder<
  OrgTables & { d: OrgTables['department']; j: OrgTables['jurisdiction'] },
  'app_user' | 'd' | 'j'
>;

/**
 * The authorization scope as a WHERE clause over users joined with their department (`d`) and
 * jurisdiction (`j`), so that counts and pages never include what the reader may not see.
 */
export function userScopeFilter(eb: UserQuery, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return eb.lit(true);
  if (scope.kind === 'none') return eb.lit(false);
  const terms: Expression<SqlBool>[] = [];
  for (const path of scope.jurisdictionPaths) terms.push(eb('j.path', 'like', `${path}%`));
  if (scope.departmentIds.length > 0) terms.push(eb('app_user.department_id', 'in', scope.departmentIds));
  if (scope.userIds.length > 0) terms.push(eb('app_user.id', 'in', scope.userIds));
  return terms.length > 0 ? eb.or(terms) : eb.lit(false);
}

/** Where a table records whose a row is: its department's id and its jurisdiction's path. */
export interface ScopeColumns {
  department: string;
  path: string;
}

/**
 * The authorization scope as a WHERE clause over any table that records each row's department and
 * jurisdiction path: everything, nothing, or the rows of the scope's departments and of the
 * jurisdictions under the scope's paths. A list filtered by it, its count included, never holds
 * what the reader may not see. Paths are codes the platform assigns, never typed by a user.
 */
export function scopeWhere<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: Scope,
  columns: ScopeColumns,
): Expression<SqlBool> {
  if (scope.kind === 'all') return eb.lit(true);
  if (scope.kind === 'none') return eb.lit(false);
  const loose = eb as unknown as ExpressionBuilder<Record<string, Record<string, string>>, string>;
  const terms: Expression<SqlBool>[] = scope.jurisdictionPaths.map((path) =>
    loose(columns.path, 'like', `${path}%`),
  );
  if (scope.departmentIds.length > 0) terms.push(loose(columns.department, 'in', scope.departmentIds));
  return terms.length > 0 ? loose.or(terms) : eb.lit(false);
}
