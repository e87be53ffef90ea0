import type { Kysely } from 'kysely';
import { type Scope, scopeWhere } from '../org/index.js';
import type { CatalogClass, ShareType } from './model.js';
import type { CatalogTables } from './schema.js';

/** How many published resources of one class (基础/主题/部门) and share type a scope holds. */
export interface ResourceClassCount {
  catalogClass: CatalogClass;
  shareType: ShareType;
  resources: number;
}

/** A cataloged resource as a statistic names it: its name and provider. */
export interface ResourceRef {
  id: string;
  code: string;
  name: string;
  providerDepartmentId: string;
  jurisdictionPath: string;
}

/**
 * The published resources whose provider lies in `scope` (a department, a jurisdiction subtree,
 * everything), counted by catalog class and share type: the home page's statistics (issue 17)
 * read the catalog through this.
 */
export async function resourceClassCounts(
  db: Kysely<CatalogTables>,
  scope: Scope,
): Promise<ResourceClassCount[]> {
  if (scope.kind === 'none') return [];
  let query = db
    .selectFrom('catalog_entry')
    .select((eb) => ['catalog_class', 'share_type', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published');
  query = query.where((eb) =>
    scopeWhere(eb, scope, { department: 'provider_department_id', path: 'jurisdiction_path' }),
  );
  const rows = await query.groupBy(['catalog_class', 'share_type']).execute();
  return rows.map((r) => ({
    catalogClass: r.catalog_class as CatalogClass,
    shareType: r.share_type,
    resources: Number(r.n),
  }));
}

/** Names and providers of the given entries (unknown ids are left out). */
export async function resourceRefs(
  db: Kysely<CatalogTables>,
  ids: readonly string[],
): Promise<ResourceRef[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('catalog_entry')
    .select(['id', 'code', 'name', 'provider_department_id', 'jurisdiction_path'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    providerDepartmentId: r.provider_department_id,
    jurisdictionPath: r.jurisdiction_path,
  }));
}
