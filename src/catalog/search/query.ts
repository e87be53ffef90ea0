import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { authorize } from '../../org/index.js';
import type { Actor } from '../../platform/context/index.js';
import { dialectOf, type FullTextQuery, fullTextFor } from '../../platform/db/fulltext/index.js';
import { tablesOf } from '../../platform/db/index.js';
import { queryTokens } from '../../platform/text/index.js';
import { CatalogActions } from '../policies.js';
import { catalogVisibilityFilter, PUBLIC_STATUSES, unpublishedScopeFilter } from '../visibility.js';
import { SEARCH_INDEX } from './document.js';
import { audienceFacets, emptyFacets, type FacetName, type FacetValue, pageAndFacets } from './facets.js';

export { FACETS, type FacetName, type FacetValue } from './facets.js';

import { highlight, snippet } from './highlight.js';
import type {
  CatalogSearchDocTable,
  CatalogSearchFacetSetTable,
  CatalogSearchTables,
  CatalogSearchTextTable,
} from './schema.js';

/** Filters of a search; each narrows to entries whose indexed version has that value. */
export interface SearchFilters {
  catalogClass?: string | undefined;
  area?: string | undefined;
  providerDepartmentId?: string | undefined;
  shareType?: string | undefined;
  formatCategory?: string | undefined;
  updateCycle?: string | undefined;
  openToPublic?: boolean | undefined;
}

export interface SearchParams extends SearchFilters {
  /** Free text; without it results list newest publication first. */
  q?: string | undefined;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** Who is searching: a signed-in actor, or the public (published, open, non-classified entries only). */
export type SearchReader = Actor | 'public';

export interface SearchHit {
  id: string;
  code: string;
  name: string;
  status: string;
  catalogClass: string;
  area: string | null;
  shareType: string;
  formatCategory: string;
  updateCycle: string;
  openToPublic: boolean;
  classified: boolean;
  provider: { id: string; name: string; code: string };
  currentVersion: number;
  publishedVersion: number | null;
  publishDate: string | null;
  updatedAt: string;
  summary: string;
  keywords: string[];
  /** Matches wrapped in `<mark>`, everything else HTML-escaped; only the fields that matched. */
  highlights: { name?: string; summary?: string; keywords?: string[]; items?: string[] };
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  facets: Record<FacetName, FacetValue[]>;
}

export type Tables = CatalogSearchTables & { d: CatalogSearchDocTable; t: CatalogSearchTextTable };
export type DocQuery = SelectQueryBuilder<Tables, 'd', object>;

/**
 * Full-text search over the catalog with filters and facet counts. The reader's visibility is
 * part of the query, so results, totals and facet counts never include an entry the reader may
 * not see. Searching is not an access to shared data, so it is not audited per query.
 */
export class CatalogSearch {
  constructor(private readonly deps: { db: Kysely<CatalogSearchTables> }) {}

  async search(reader: SearchReader, params: SearchParams): Promise<SearchResult> {
    if (reader !== 'public') authorize(reader, CatalogActions['catalog.read']);
    return searchSettings(this.deps.db, (executor) => this.run(executor, reader, params));
  }

  private async run(
    executor: Kysely<CatalogSearchTables>,
    reader: SearchReader,
    params: SearchParams,
  ): Promise<SearchResult> {
    // The aliases `d` and `t` are tables too for the query builders below.
    const db = tablesOf<Tables>(executor);
    const text = params.q?.trim() ?? '';
    const tokens = text ? queryTokens(text) : [];
    // Something typed that holds no word (only punctuation or function words) matches nothing.
    if (text && tokens.length === 0) return { items: [], total: 0, facets: emptyFacets() };
    const query: FullTextQuery | undefined =
      tokens.length > 0 ? { tokens, prefixLast: /[\p{L}\p{N}]$/u.test(text) } : undefined;

    const fullText = fullTextFor(dialectOf(executor));
    const inline = query ? fullText.inline(SEARCH_INDEX, query, 'd') : undefined;
    // PostgreSQL matches on the row it counts; SQLite joins its FTS5 table's matches.
    const rank: RawBuilder<number> | undefined = inline?.rank ?? (query ? sql<number>`m.rank` : undefined);
    const filtered = (): DocQuery => {
      let qb = db.selectFrom('catalog_search_doc as d') as DocQuery;
      if (inline) qb = qb.where(inline.where);
      else if (query) {
        const matches = fullText.matches(SEARCH_INDEX, query).as('m');
        qb = qb.innerJoin(matches, (join) => join.onRef('m.key', '=', 'd.doc_id')) as unknown as DocQuery;
      }
      return qb.where((eb) => visibility(eb, reader)).where((eb) => filterTerms(eb, params));
    };

    const { keys, total, facets } =
      query || hasFilters(params)
        ? await pageAndFacets(db, filtered(), rank, params)
        : await listing(db, filtered(), reader, params);
    const page = await pageRows(db, keys);
    return { items: page.map((row) => hitOf(row, tokens, query?.prefixLast ?? false)), total, facets };
  }
}

/**
 * PostgreSQL: the search's statements run in a read transaction of their own with settings for
 * them alone: room to keep a broad query's tens of thousands of hits in memory (the default
 * 4 MB spills them to disk), and random reads costed as what they are here, reads of cached
 * pages, so that a filter finds its few thousand rows by index rather than by reading all.
 */
async function searchSettings<DB, T>(
  executor: Kysely<DB>,
  work: (executor: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (dialectOf(executor) !== 'postgres' || executor.isTransaction) return work(executor);
  return executor.transaction().execute(async (trx) => {
    await sql`set local work_mem = '32MB'`.execute(trx);
    await sql`set local random_page_cost = 1.1`.execute(trx);
    return work(trx);
  });
}

/**
 * The whole visible catalog, newest publication first: the page walks the publication-order
 * index and stops after it; the counts are the reader's audience's maintained counts plus the
 * unpublished entries its scope reaches, counted live (together: exactly the visibility rule).
 */
async function listing(
  db: ReturnType<typeof tablesOf<Tables>>,
  visible: DocQuery,
  reader: SearchReader,
  params: SearchParams,
): Promise<{ keys: number[]; total: number; facets: Record<FacetName, FacetValue[]> }> {
  const keys = await visible
    .select('d.doc_id')
    .orderBy(sql`d.publish_date desc nulls last, d.updated_at desc, d.doc_id`)
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize)
    .execute();
  const unpublished =
    reader === 'public'
      ? undefined
      : (db.selectFrom('catalog_search_doc as d') as DocQuery)
          // Literals, not parameters: SQLite uses a partial index only for the very same terms.
          .where(sql<SqlBool>`d.status not in (${sql.join(PUBLIC_STATUSES.map((s) => sql.lit(s)))})`)
          .where((eb) => unpublishedScopeFilter(eb, reader, VISIBILITY_COLUMNS));
  const { total, facets } = await audienceFacets(db, reader === 'public' ? 'public' : 'reader', unpublished);
  return { keys: keys.map((k) => Number(k.doc_id)), total, facets };
}

function hasFilters(filters: SearchFilters): boolean {
  return (
    Boolean(
      filters.catalogClass ||
        filters.area ||
        filters.providerDepartmentId ||
        filters.shareType ||
        filters.formatCategory ||
        filters.updateCycle,
    ) || filters.openToPublic !== undefined
  );
}

const VISIBILITY_COLUMNS = {
  status: 'd.status',
  providerDepartmentId: 'd.provider_department_id',
  jurisdictionPath: 'd.jurisdiction_path',
};

function visibility(eb: ExpressionBuilder<Tables, 'd'>, reader: SearchReader): Expression<SqlBool> {
  if (reader === 'public')
    return eb.and([
      eb('d.status', '=', 'published'),
      eb('d.open_to_public', '=', 1),
      eb('d.classified', '=', 0),
    ]);
  return catalogVisibilityFilter(eb, reader, VISIBILITY_COLUMNS);
}

/**
 * The filters as conditions on the document. The code-list facets are asked of the few hundred
 * facet sets and the document found by its set (indexed), so that a filtered listing reads only
 * the documents it lists, however wide their rows.
 */
function filterTerms(eb: ExpressionBuilder<Tables, 'd'>, filters: SearchFilters): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = [];
  if (filters.providerDepartmentId)
    terms.push(eb('d.provider_department_id', '=', filters.providerDepartmentId));
  const sets: [keyof CatalogSearchFacetSetTable, string | number][] = [];
  if (filters.catalogClass) sets.push(['catalog_class', filters.catalogClass]);
  if (filters.area) sets.push(['area', filters.area]);
  if (filters.shareType) sets.push(['share_type', filters.shareType]);
  if (filters.formatCategory) sets.push(['format_category', filters.formatCategory]);
  if (filters.updateCycle) sets.push(['update_cycle', filters.updateCycle]);
  if (filters.openToPublic !== undefined) sets.push(['open_to_public', filters.openToPublic ? 1 : 0]);
  if (sets.length > 0)
    terms.push(
      eb(
        'd.facet_set',
        'in',
        eb
          .selectFrom('catalog_search_facet_set as s')
          .select('s.facet_set')
          .where((sb) => sb.and(sets.map(([column, value]) => sb(`s.${column}`, '=', value)))),
      ),
    );
  return eb.and(terms);
}

type PageRow = Omit<CatalogSearchDocTable, 'doc_id' | 'facet_set'> & CatalogSearchTextTable;

/** The page's documents in the order of `keys`: only the page's twenty or so texts are read. */
async function pageRows(db: ReturnType<typeof tablesOf<Tables>>, keys: number[]): Promise<PageRow[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('catalog_search_doc as d')
    .innerJoin('catalog_search_text as t', 't.doc_id', 'd.doc_id')
    .selectAll('t')
    .select([
      'd.entry_id',
      'd.status',
      'd.jurisdiction_path',
      'd.provider_department_id',
      'd.provider_department_name',
      'd.catalog_class',
      'd.area',
      'd.share_type',
      'd.format_category',
      'd.update_cycle',
      'd.open_to_public',
      'd.classified',
      'd.publish_date',
      'd.updated_at',
    ])
    .where('d.doc_id', 'in', keys)
    .execute();
  const byKey = new Map(rows.map((row) => [Number(row.doc_id), row]));
  return keys.flatMap((key) => byKey.get(key) ?? []);
}

function hitOf(row: PageRow, tokens: string[], prefixLast: boolean): SearchHit {
  const keywords = JSON.parse(row.keywords) as string[];
  const items = JSON.parse(row.items) as string[];
  const highlights: SearchHit['highlights'] = {};
  if (tokens.length > 0) {
    const name = highlight(row.name, tokens, prefixLast);
    if (name) highlights.name = name;
    const summary = snippet(row.summary, tokens, prefixLast);
    if (summary) highlights.summary = summary;
    const markedKeywords = keywords.flatMap((k) => highlight(k, tokens, prefixLast) ?? []);
    if (markedKeywords.length > 0) highlights.keywords = markedKeywords;
    const markedItems = items.flatMap((i) => highlight(i, tokens, prefixLast) ?? []);
    if (markedItems.length > 0) highlights.items = markedItems;
  }
  return {
    id: row.entry_id,
    code: row.code,
    name: row.name,
    status: row.status,
    catalogClass: row.catalog_class,
    area: row.area,
    shareType: row.share_type,
    formatCategory: row.format_category,
    updateCycle: row.update_cycle,
    openToPublic: row.open_to_public === 1,
    classified: row.classified === 1,
    provider: { id: row.provider_department_id, name: row.provider_department_name, code: row.provider_code },
    currentVersion: row.current_version,
    publishedVersion: row.published_version,
    publishDate: row.publish_date,
    updatedAt: row.updated_at,
    summary: row.summary,
    keywords,
    highlights,
  };
}
