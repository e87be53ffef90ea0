import { type RawBuilder, sql } from 'kysely';
import type { tablesOf } from '../../platform/db/index.js';
import type { Audience } from './counts.js';
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

/** The facets coded together in a facet set: code lists with few values each. */
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

type Db = ReturnType<typeof tablesOf<Tables>>;
type Counts = Map<FacetName, Map<string, FacetValue>>;

/** Best match first; ties (and listing without a query) newest publication first. */
const ORDER = sql`hits.rank desc, hits.publish_date desc nulls last, hits.updated_at desc, hits.doc_id`;

/** The hits' columns that paging and counting need, from a filtered query over `d`. */
function hitsOf(filtered: DocQuery, rank: RawBuilder<number> | undefined) {
  return filtered.select([
    'd.doc_id',
    'd.publish_date',
    'd.updated_at',
    'd.provider_department_id',
    'd.provider_department_name',
    'd.facet_set',
    (rank ?? sql<number>`0`).as('rank'),
  ]);
}

/**
 * Two groupings of the materialized `hits`: by facet set (one small integer for the six
 * code-list facets, decoded by joining the few hundred sets), and by provider.
 */
const COUNT_BRANCHES = sql`
    select null as pos, null as doc_id, cast(null as text) as provider_department_id,
      cast(null as text) as provider_department_name,
      ${sql.join(SMALL_FACETS.map((f) => sql.ref(`s.${FACET_COLUMNS[f]}`)))}, c.count
      from (select hits.facet_set, count(*) as count from hits group by hits.facet_set) c
      join catalog_search_facet_set s on s.facet_set = c.facet_set
    union all
    select null, null, hits.provider_department_id, max(hits.provider_department_name),
      ${sql.join(SMALL_FACETS.map(() => sql`null`))}, count(*)
      from hits group by hits.provider_department_id`;

/**
 * The page's keys, the total and the counts per value of every facet, in one statement over one
 * materialized set of hits, so that the full-text match and the reader's visibility filter run
 * once and the counts come from exactly the set the page is taken from. Only the page is sorted
 * in full; the counts group by two narrow columns.
 */
export async function pageAndFacets(
  db: Db,
  filtered: DocQuery,
  rank: RawBuilder<number> | undefined,
  params: SearchParams,
): Promise<{ keys: number[]; total: number; facets: Record<FacetName, FacetValue[]> }> {
  const smallColumns = SMALL_FACETS.map((f) => FACET_COLUMNS[f]);
  // PostgreSQL types a bare null inside the subquery as text: the casts keep the branches alike.
  const nullColumns = sql.join(
    smallColumns.map(
      (c) => sql`cast(null as ${sql.raw(c === 'open_to_public' ? 'integer' : 'text')}) as ${sql.ref(c)}`,
    ),
  );
  const rows = await sql<Row>`
    with hits as materialized ${hitsOf(filtered, rank)}
    select * from (
      select row_number() over (order by ${ORDER}) as pos, hits.doc_id,
        cast(null as text) as provider_department_id, cast(null as text) as provider_department_name,
        ${nullColumns}, cast(null as bigint) as count
      from (select * from hits order by ${ORDER} limit ${params.pageSize} offset ${(params.page - 1) * params.pageSize}) hits
    ) page
    union all ${COUNT_BRANCHES}`.execute(db);
  const page: [number, number][] = [];
  const counts = newCounts();
  for (const row of rows.rows) {
    if (row.pos !== null) page.push([Number(row.pos), Number(row.doc_id)]);
    else addRow(counts, row);
  }
  const facets = facetsOf(counts);
  return { keys: page.sort((a, b) => a[0] - b[0]).map(([, key]) => key), total: totalOf(facets), facets };
}

/**
 * The counts of a listing without words or filters: the audience's maintained counts (what every
 * reader of that audience sees) plus a live count of the unpublished entries this reader may also
 * see (`unpublished`: its scope over the unpublished documents; none for the public).
 */
export async function audienceFacets(
  db: Db,
  audience: Audience,
  unpublished: DocQuery | undefined,
): Promise<{ total: number; facets: Record<FacetName, FacetValue[]> }> {
  const counts = newCounts();
  const kept = await db
    .selectFrom('catalog_search_facet_count')
    .select(['facet', 'value', 'label', 'count'])
    .where('audience', '=', audience)
    .where('count', '>', 0)
    .execute();
  for (const row of kept)
    if ((FACETS as readonly string[]).includes(row.facet))
      add(counts, row.facet as FacetName, row.value, Number(row.count), row.label);
  if (unpublished) {
    const rows = await sql<Row>`
      with hits as materialized ${hitsOf(unpublished, undefined)} ${COUNT_BRANCHES}`.execute(db);
    for (const row of rows.rows) addRow(counts, row);
  }
  const facets = facetsOf(counts);
  return { total: totalOf(facets), facets };
}

function newCounts(): Counts {
  return new Map(FACETS.map((f) => [f, new Map()]));
}

function add(
  counts: Counts,
  facet: FacetName,
  value: string | number | null,
  count: number,
  label?: string | null,
) {
  if (value === null) return;
  const key = String(value);
  const values = counts.get(facet) as Map<string, FacetValue>;
  const existing = values.get(key);
  if (existing) existing.count += count;
  else values.set(key, { value: key, ...(label ? { label } : {}), count });
}

function addRow(counts: Counts, row: Row) {
  if (row.provider_department_id !== null)
    add(
      counts,
      'providerDepartment',
      row.provider_department_id,
      Number(row.count),
      row.provider_department_name,
    );
  else
    for (const facet of SMALL_FACETS)
      add(counts, facet, row[FACET_COLUMNS[facet] as keyof Row], Number(row.count));
}

function facetsOf(counts: Counts): Record<FacetName, FacetValue[]> {
  const facets = emptyFacets();
  for (const facet of FACETS)
    facets[facet] = [...(counts.get(facet)?.values() ?? [])].sort(
      (a, b) => b.count - a.count || a.value.localeCompare(b.value),
    );
  return facets;
}

/** Every entry has a catalog class, so that facet's counts add up to the total. */
function totalOf(facets: Record<FacetName, FacetValue[]>): number {
  return facets.catalogClass.reduce((sum, v) => sum + v.count, 0);
}
