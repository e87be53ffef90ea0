import { dialectOf } from '../../platform/db/fulltext/index.js';
import { type Executor, tablesOf } from '../../platform/db/index.js';
import { PUBLIC_STATUSES } from '../visibility.js';
import { FACET_COLUMNS, FACETS } from './facets.js';
import type {
  CatalogSearchDocTable,
  CatalogSearchFacetCountTable,
  CatalogSearchFacetSetTable,
  CatalogSearchTables,
} from './schema.js';

/** What the audience counts are kept from: a document's standing and its facet values. */
export type CountedDoc = Omit<CatalogSearchDocTable, 'doc_id' | 'entry_id' | 'facet_set'>;

export type Audience = CatalogSearchFacetCountTable['audience'];

/** Rows per statement when the counts change: five parameters a row. */
const COUNT_BATCH = 400;

/**
 * The audiences that see a document whatever their scope: every signed-in reader sees published
 * and withdrawn entries (the visibility rule's first half), the public only published, open,
 * non-classified ones.
 */
export function audiencesOf(doc: Pick<CountedDoc, 'status' | 'open_to_public' | 'classified'>): Audience[] {
  const audiences: Audience[] = [];
  if ((PUBLIC_STATUSES as readonly string[]).includes(doc.status)) audiences.push('reader');
  if (doc.status === 'published' && doc.open_to_public === 1 && doc.classified === 0)
    audiences.push('public');
  return audiences;
}

/**
 * The documents of these entries as they stand, locked on PostgreSQL until the transaction ends,
 * so that a concurrent change of the same entry waits and then counts from what this one wrote.
 */
export async function currentDocs(executor: Executor, entryIds: string[]): Promise<CountedDoc[]> {
  if (entryIds.length === 0) return [];
  let query = tablesOf<CatalogSearchTables>(executor)
    .selectFrom('catalog_search_doc')
    .select([
      'status',
      'jurisdiction_path',
      'provider_department_id',
      'provider_department_name',
      'catalog_class',
      'area',
      'share_type',
      'format_category',
      'update_cycle',
      'open_to_public',
      'classified',
      'publish_date',
      'updated_at',
    ])
    .where('entry_id', 'in', entryIds);
  if (dialectOf(executor) === 'postgres') query = query.forUpdate();
  return query.execute();
}

/** The keys of these combinations of facet values, adding the combinations not seen before. */
export async function facetSetKeys(
  executor: Executor,
  sets: Omit<CatalogSearchFacetSetTable, 'facet_set'>[],
): Promise<Map<string, number>> {
  const db = tablesOf<CatalogSearchTables>(executor);
  const distinct = new Map(sets.map((s) => [s.facet_key, s]));
  const lookup = async (keys: string[]) =>
    keys.length === 0
      ? []
      : db
          .selectFrom('catalog_search_facet_set')
          .select(['facet_set', 'facet_key'])
          .where('facet_key', 'in', keys)
          .execute();
  const ids = new Map((await lookup([...distinct.keys()])).map((r) => [r.facet_key, Number(r.facet_set)]));
  const missing = [...distinct.values()].filter((s) => !ids.has(s.facet_key));
  if (missing.length > 0) {
    // A concurrent transaction adding the same combination wins; this one then reads its key.
    await db
      .insertInto('catalog_search_facet_set')
      .values(missing)
      .onConflict((oc) => oc.column('facet_key').doNothing())
      .execute();
    for (const row of await lookup(missing.map((s) => s.facet_key)))
      ids.set(row.facet_key, Number(row.facet_set));
  }
  return ids;
}

/**
 * Moves the audience counts from the documents as they were to the documents as they are now
 * (either side may be empty: a new or a removed entry). Changes are applied in key order, so that
 * concurrent transactions lock the count rows in the same order.
 */
export async function adjustCounts(
  executor: Executor,
  before: readonly CountedDoc[],
  after: readonly CountedDoc[],
): Promise<void> {
  const deltas = new Map<string, CatalogSearchFacetCountTable>();
  const add = (doc: CountedDoc, sign: 1 | -1) => {
    for (const audience of audiencesOf(doc))
      for (const facet of FACETS) {
        const value = doc[FACET_COLUMNS[facet] as keyof CountedDoc];
        if (value === null) continue;
        const key = JSON.stringify([audience, facet, String(value)]);
        const delta = deltas.get(key) ?? { audience, facet, value: String(value), label: null, count: 0 };
        delta.count += sign;
        if (sign > 0 && facet === 'providerDepartment') delta.label = doc.provider_department_name;
        deltas.set(key, delta);
      }
  };
  for (const doc of before) add(doc, -1);
  for (const doc of after) add(doc, 1);
  const changes = [...deltas.entries()]
    .filter(([, d]) => d.count !== 0 || d.label !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  const db = tablesOf<CatalogSearchTables>(executor);
  for (let at = 0; at < changes.length; at += COUNT_BATCH)
    await db
      .insertInto('catalog_search_facet_count')
      .values(changes.slice(at, at + COUNT_BATCH))
      .onConflict((oc) =>
        oc.columns(['audience', 'facet', 'value']).doUpdateSet((eb) => ({
          count: eb('catalog_search_facet_count.count', '+', eb.ref('excluded.count')),
          label: eb.fn.coalesce('excluded.label', 'catalog_search_facet_count.label'),
        })),
      )
      .execute();
}
