import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DepartmentService, JurisdictionService } from '../org/index.js';
import { scopeOf } from '../org/index.js';
import type { RequestContext } from '../platform/context/index.js';
import { CommonErrors } from '../platform/errors/index.js';
import type { AuditTables } from './schema.js';

/** A department as the auditor views show it. */
export interface DepartmentRef {
  id: string;
  name: string;
  jurisdictionPath: string;
}

/**
 * What the auditor views need to know about departments, asked of the org module's services
 * (never its tables): names for display, and which departments lie in a jurisdiction subtree.
 */
export interface DepartmentDirectory {
  /** Every department, keyed by id (the platform has hundreds, not millions). */
  all(ctx: RequestContext): Promise<Map<string, DepartmentRef>>;
  /** One department, or ORG_DEPARTMENT_NOT_FOUND. */
  get(id: string): Promise<DepartmentRef>;
}

/** The directory backed by the org module's jurisdiction and department services. */
export function orgDirectory(deps: {
  jurisdictions: JurisdictionService;
  departments: DepartmentService;
}): DepartmentDirectory {
  return {
    async all(ctx) {
      const paths = new Map((await deps.jurisdictions.list(ctx)).map((j) => [j.id, j.path]));
      const { items } = await deps.departments.list(ctx, { limit: 1_000_000, offset: 0 });
      return new Map(
        items.map((d) => [
          d.id,
          { id: d.id, name: d.name, jurisdictionPath: paths.get(d.jurisdictionId) ?? '' },
        ]),
      );
    },
    async get(id) {
      const d = await deps.departments.get(undefined, id);
      return { id: d.id, name: d.name, jurisdictionPath: d.jurisdictionPath };
    },
  };
}

/** Which entries a reader may see, resolved to ids: all of them, or those of these departments/actors. */
export type ResolvedScope = { kind: 'all' } | { kind: 'within'; departmentIds: string[]; actorIds: string[] };

/**
 * Resolves the reader's scope for an action into department ids: a jurisdiction reach covers
 * every department whose jurisdiction lies in the reader's subtree. Throws FORBIDDEN when the
 * reader holds no reach at all, so that a refused search is a 403 rather than an empty list.
 */
export async function resolveScope(
  ctx: RequestContext,
  action: string,
  directory: DepartmentDirectory,
  departments?: Map<string, DepartmentRef>,
): Promise<ResolvedScope> {
  const scope = scopeOf(ctx.actor, action);
  if (scope.kind === 'all') return scope;
  if (scope.kind === 'none') throw CommonErrors.error('FORBIDDEN', { action });
  const departmentIds = new Set(scope.departmentIds);
  if (scope.jurisdictionPaths.length > 0) {
    for (const d of (departments ?? (await directory.all(ctx))).values()) {
      if (scope.jurisdictionPaths.some((path) => d.jurisdictionPath.startsWith(path)))
        departmentIds.add(d.id);
    }
  }
  return { kind: 'within', departmentIds: [...departmentIds], actorIds: scope.userIds };
}

/** Whether a department lies in the resolved scope. */
export function scopeCovers(scope: ResolvedScope, departmentId: string | null): boolean {
  if (scope.kind === 'all') return true;
  return departmentId !== null && scope.departmentIds.includes(departmentId);
}

type EntryExpressions = ExpressionBuilder<AuditTables, 'audit_entry'>;

/** The scope as a WHERE term over `audit_entry`, so that pages and counts hold only readable entries. */
export function entryScopeFilter(eb: EntryExpressions, scope: ResolvedScope): Expression<SqlBool> {
  if (scope.kind === 'all') return eb.lit(true);
  const terms: Expression<SqlBool>[] = [];
  if (scope.departmentIds.length > 0) terms.push(eb('audit_entry.department_id', 'in', scope.departmentIds));
  if (scope.actorIds.length > 0) terms.push(eb('audit_entry.actor_id', 'in', scope.actorIds));
  return terms.length > 0 ? eb.or(terms) : eb.lit(false);
}
