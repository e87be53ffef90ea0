import { dialectOf, fullTextFor } from '../../platform/db/fulltext/index.js';
import { type Executor, tablesOf } from '../../platform/db/index.js';
import type { EntryContent } from '../model.js';
import type { CatalogTables } from '../schema.js';
import { adjustCounts, currentDocs, facetSetKeys } from './counts.js';
import {
  documentOf,
  documentRows,
  SEARCH_INDEX,
  type SearchDocument,
  type SearchDocumentRows,
} from './document.js';
import type { CatalogSearchTables } from './schema.js';

export { SEARCH_INDEX, type SearchDocument } from './document.js';
export { catalogSearchMigrations } from './migrations.js';
export type { CatalogSearchTables } from './schema.js';

/**
 * The provider department's name, read in the caller's transaction (the org module owns
 * departments; the composition root supplies this).
 */
export type DepartmentNameLookup = (executor: Executor, departmentId: string) => Promise<string | undefined>;

/** Rows per INSERT in a bulk load: well under SQLite's and PostgreSQL's bound-parameter limits. */
const BULK_BATCH = 500;

/**
 * The catalog's full-text index. The catalog service calls `reindex` in the same transaction as
 * every change to an entry, so that search never disagrees with the catalog.
 */
export class CatalogSearchIndex {
  constructor(private readonly deps: { departmentName?: DepartmentNameLookup } = {}) {}

  /**
   * Brings an entry's search document up to date: the published version if there is one, else
   * the current one; an entry that no longer exists leaves the index.
   */
  async reindex(executor: Executor, entryId: string): Promise<void> {
    const db = tablesOf<CatalogTables & CatalogSearchTables>(executor);
    const entry = await db
      .selectFrom('catalog_entry')
      .selectAll()
      .where('id', '=', entryId)
      .executeTakeFirst();
    if (!entry) {
      await remove(executor, entryId);
      return;
    }
    const version = await db
      .selectFrom('catalog_version')
      .select('content')
      .where('entry_id', '=', entryId)
      .where('version', '=', entry.published_version ?? entry.current_version)
      .executeTakeFirstOrThrow();
    const providerName = (await this.deps.departmentName?.(executor, entry.provider_department_id)) ?? '';
    const content = JSON.parse(version.content) as EntryContent;
    await upsert(executor, [documentRows(documentOf(entry, content, providerName))]);
  }

  /** Indexes every entry again (after a change of segmentation or dictionary). */
  async rebuild(executor: Executor): Promise<number> {
    const ids = await tablesOf<CatalogTables>(executor).selectFrom('catalog_entry').select('id').execute();
    for (const { id } of ids) await this.reindex(executor, id);
    return ids.length;
  }

  /**
   * Loads many documents at once (benchmarks, imports of a whole catalog): batched multi-row
   * inserts; run it in one transaction.
   */
  async bulkLoad(executor: Executor, docs: Iterable<SearchDocument>): Promise<number> {
    let batch: SearchDocumentRows[] = [];
    let count = 0;
    for (const doc of docs) {
      batch.push(documentRows(doc));
      if (batch.length === BULK_BATCH) {
        await upsert(executor, batch);
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await upsert(executor, batch);
    return count + batch.length;
  }
}

/**
 * Inserts or replaces documents by entry: the narrow row first (which keeps its key), then its
 * text; the full-text index follows the text rows (triggers), and the audience counts move from
 * the documents as they were to the documents as they are, in the same transaction.
 */
async function upsert(executor: Executor, rows: SearchDocumentRows[]): Promise<void> {
  const db = tablesOf<CatalogSearchTables>(executor);
  const before = await currentDocs(
    executor,
    rows.map((r) => r.doc.entry_id),
  );
  const sets = await facetSetKeys(
    executor,
    rows.map((r) => r.facets),
  );
  const fullText = fullTextFor(dialectOf(executor));
  const docs = rows.map((r) => {
    const vector = fullText.vectorValue(
      SEARCH_INDEX,
      SEARCH_INDEX.fields.map((f) => r.text[f as keyof typeof r.text] as string),
    );
    return {
      ...r.doc,
      facet_set: sets.get(r.facets.facet_key) as number,
      ...(vector ? { [vector.column]: vector.value } : {}),
    };
  });
  const keys = await db
    .insertInto('catalog_search_doc')
    .values(docs)
    .onConflict((oc) => oc.column('entry_id').doUpdateSet((eb) => excluded(eb, docs[0], 'entry_id')))
    .returning(['doc_id', 'entry_id'])
    .execute();
  const keyOf = new Map(keys.map((k) => [k.entry_id, Number(k.doc_id)]));
  const texts = rows.map((r) => ({ doc_id: keyOf.get(r.doc.entry_id) as number, ...r.text }));
  await db
    .insertInto('catalog_search_text')
    .values(texts)
    .onConflict((oc) => oc.column('doc_id').doUpdateSet((eb) => excluded(eb, texts[0], 'doc_id')))
    .execute();
  await adjustCounts(executor, before, docs);
}

/** `SET column = excluded.column` for every column of the row but its key. */
function excluded<R extends object>(
  eb: { ref(reference: string): unknown },
  row: R | undefined,
  key: keyof R,
): Record<string, never> {
  const columns = Object.keys(row ?? {}).filter((c) => c !== key);
  return Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)])) as Record<string, never>;
}

async function remove(executor: Executor, entryId: string): Promise<void> {
  const db = tablesOf<CatalogSearchTables>(executor);
  const doc = await db
    .selectFrom('catalog_search_doc')
    .select('doc_id')
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  if (!doc) return;
  const before = await currentDocs(executor, [entryId]);
  await db.deleteFrom('catalog_search_text').where('doc_id', '=', doc.doc_id).execute();
  await db.deleteFrom('catalog_search_doc').where('doc_id', '=', doc.doc_id).execute();
  await adjustCounts(executor, before, []);
}
