import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { scopeOf } from '../../org/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { SourceActions } from './policies.js';
import type { SourceTables } from './schema.js';

/**
 * The platform's own work (the duplicate and comparison jobs) opening and closing cases: it acts
 * as the authority everywhere, so the timeline and the audit trail name it, not a person.
 */
export const PLATFORM_ACTOR: Actor = {
  kind: 'client',
  id: 'platform',
  name: '共享交换平台（一数一源比对）',
  departmentId: '',
  jurisdictionPath: '/',
  roles: ['authority'],
};
export const PLATFORM_CONTEXT: RequestContext = { actor: PLATFORM_ACTOR };

type CaseTable = 'quality_source_duplicate' | 'quality_source_conflict';

/**
 * The reader's scope as a WHERE clause over a case table: the authority's jurisdictions (over the
 * designation's jurisdiction) and the reader's own department among the case's departments.
 */
export function caseScope<T extends CaseTable>(
  actor: Actor,
  departmentColumns: readonly ('department_id' | 'source_department_id' | 'other_department_id')[],
) {
  const manage = scopeOf(actor, SourceActions['quality.source.manage']);
  const read = scopeOf(actor, SourceActions['quality.source.case.read']);
  return (eb: ExpressionBuilder<SourceTables, T>): Expression<SqlBool> => {
    if (manage.kind === 'all' || read.kind === 'all') return eb.lit(true);
    const terms: Expression<SqlBool>[] = [];
    const ref = eb.ref as (column: string) => Expression<string>;
    for (const scope of [manage, read]) {
      if (scope.kind !== 'within') continue;
      for (const path of scope.jurisdictionPaths)
        terms.push(eb(ref('jurisdiction_path'), 'like', `${path}%`));
      if (scope.departmentIds.length > 0)
        for (const column of departmentColumns) terms.push(eb(ref(column), 'in', scope.departmentIds));
    }
    return terms.length > 0 ? eb.or(terms) : eb.lit(false);
  };
}
