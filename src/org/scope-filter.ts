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
