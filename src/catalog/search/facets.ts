import { sql } from 'kysely';
import type { tablesOf } from '../../platform/db/index.js';
import type { DocQuery, SearchParams, Tables } from './query.js';
import type { CatalogSearchDocTable } from './schema.js';

export interface FacetValue {
  value: string;
  label?: string;
  count: number;
}

export const FACETS = [
  'catalogClass',
  'area',
  'providerDepartment',
  'shareType',
  'formatCategory',
  'updateCycle',
  'openToPublic',
] as const;
export type FacetName = (typeof FACETS)[number];

export const FACET_COLUMNS: Record<FacetName, keyof CatalogSearchDocTable> = {
  catalogClass: 'catalog_class',
  area: 'area',
  providerDepartment: 'provider_department_id',
  shareType: 'share_type',
  formatCategory: 'format_category',
  updateCycle: 'update_cycle',
  openToPublic: 'open_to_public',
};

export function emptyFacets(): Record<FacetName, FacetValue[]> {
  return Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<FacetName, FacetValue[]>;
}

/** The facets counted together in one grouping: few values each, so few combinations. */
const SMALL_FACETS = FACETS.filter((f) => f !== 'providerDepartment');

interface Row {
  /** Position on the page for page rows; null for count rows. */
  pos: number | string | null;
  doc_id: number | string | null;
  provider_department_id: string | null;
  provider_department_name: string | null;
  catalog_class: string | null;
  area: string | null;
  share_type: string | null;
  format_category: string | null;
  update_cycle: string | null;
  open_to_public: number | null;
  count: number | string | null;
}

/**
 * The page's keys, the total and the counts per value of every facet, in one statement over one
 * materialized set of hits, so that the full-text match and the reader's visibility filter run
 * once and the counts come from exactly the set the page is taken from. Two groupings instead of
 * seven: the small code-list facets together (a few hundred combinations, summed here), and the
 * providers.
 */
export async function pageAndFacets(
  db: ReturnType<typeof tablesOf<Tables>>,
  filtered: DocQuery,
  ranked: boolean,
  params: SearchParams,
): Promise<{ keys: number[]; total: number; facets: Record<FacetName, FacetValue[]> }> {
  const smallColumns = SMALL_FACETS.map((f) => FACET_COLUMNS[f]);
  const small = smallColumns.map((c) => sql.ref(`hits.${c}`));
  const nulls = (n: number) => sql.join(Array.from({ length: n }, () => sql`null`));
  const hits = filtered.select([
    'd.doc_id',
    'd.publish_date',
    'd.updated_at',
    'd.provider_department_id',
    'd.provider_department_name',
    ...smallColumns.map((c) => `d.${c}` as const),
    ranked ? sql<number>`m.rank`.as('rank') : sql<number>`0`.as('rank'),
  ]);
  // Best match first; ties (and listing without a query) newest publication first.
  const order = sql`hits.rank desc, hits.publish_date desc nulls last, hits.updated_at desc, hits.doc_id`;
  const rows = await sql<Row>`
    with hits as materialized ${hits}
    select * from (
      select row_number() over (order by ${order}) as pos, hits.doc_id,
        null as provider_department_id, null as provider_department_name,
        ${sql.join(smallColumns.map((c) => sql`cast(null as ${sql.raw(c === 'open_to_public' ? 'integer' : 'text')}) as ${sql.ref(c)}`))},
        cast(null as bigint) as count
      from hits order by ${order} limit ${params.pageSize} offset ${(params.page - 1) * params.pageSize}
    ) page
    -- PostgreSQL types a bare null inside the subquery as text: the casts keep the branches alike.
    union all
    select null, null, null, null, ${sql.join(small)}, count(*) from hits group by ${sql.join(small)}
    union all
    select null, null, hits.provider_department_id, max(hits.provider_department_name), ${nulls(small.length)}, count(*)
      from hits group by hits.provider_department_id`.execute(db);

  const page: [number, number][] = [];
  const counts = new Map<FacetName, Map<string, FacetValue>>(FACETS.map((f) => [f, new Map()]));
  const add = (facet: FacetName, value: string | number | null, count: number, label?: string | null) => {
    if (value === null) return;
    const key = String(value);
    const values = counts.get(facet) as Map<string, FacetValue>;
    const existing = values.get(key);
    if (existing) existing.count += count;
    else values.set(key, { value: key, ...(label ? { label } : {}), count });
  };
  for (const row of rows.rows) {
    if (row.pos !== null) page.push([Number(row.pos), Number(row.doc_id)]);
    else if (row.provider_department_id !== null)
      add('providerDepartment', row.provider_department_id, Number(row.count), row.provider_department_name);
    else
      for (const facet of SMALL_FACETS) add(facet, row[FACET_COLUMNS[facet] as keyof Row], Number(row.count));
  }
  const facets = emptyFacets();
  for (const facet of FACETS)
    facets[facet] = [...(counts.get(facet)?.values() ?? [])].sort(
      (a, b) => b.count - a.count || a.value.localeCompare(b.value),
    );
  // Every entry has a catalog class, so that facet's counts add up to the total.
  const total = facets.catalogClass.reduce((sum, v) => sum + v.count, 0);
  return { keys: page.sort((a, b) => a[0] - b[0]).map(([, key]) => key), total, facets };
}
