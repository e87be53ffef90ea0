import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { fullTextFor } from '../../platform/db/fulltext/index.js';
import type { ModuleMigrations } from '../../platform/db/index.js';
import { SEARCH_INDEX } from './document.js';

/** The code-list facets a document is filtered by; a facet set is one combination of their values. */
function facetColumns<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('catalog_class', 'text', (c) => c.notNull())
    .addColumn('area', 'text')
    .addColumn('share_type', 'text', (c) => c.notNull())
    .addColumn('format_category', 'text', (c) => c.notNull())
    .addColumn('update_cycle', 'text', (c) => c.notNull())
    .addColumn('open_to_public', 'integer', (c) => c.notNull());
}

/** The catalog's search index; after the catalog's own tables (`2026_11_21_22x`). */
export const catalogSearchMigrations: ModuleMigrations = {
  '2026_11_21_240_catalog_search': (dialect) => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('catalog_search_doc')
        .addColumn('doc_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn('entry_id', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_department_name', 'text', (c) => c.notNull())
        .$call(facetColumns)
        .addColumn('classified', 'integer', (c) => c.notNull())
        .addColumn('publish_date', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('facet_set', 'integer', (c) => c.notNull())
        .execute();
      // Listing without a query runs newest first and stops after a page: in exactly the order
      // the listing sorts (PostgreSQL puts nulls first in a descending index unless told).
      await sql
        .raw(
          `create index catalog_search_doc_published on catalog_search_doc (publish_date desc${dialect === 'postgres' ? ' nulls last' : ''}, updated_at desc, doc_id)`,
        )
        .execute(db);
      // The unpublished entries a reader may see are counted live beside the audience counts:
      // a few in a catalog of published ones (the statuses of `PUBLIC_STATUSES`, frozen here).
      await sql
        .raw(
          `create index catalog_search_doc_unpublished on catalog_search_doc (provider_department_id, jurisdiction_path) where status not in ('published', 'withdrawn')`,
        )
        .execute(db);
      // Filters on code-list facets find the documents by their facet sets.
      await db.schema
        .createIndex('catalog_search_doc_facet_set')
        .on('catalog_search_doc')
        .column('facet_set')
        .execute();
      await db.schema
        .createIndex('catalog_search_doc_provider')
        .on('catalog_search_doc')
        .column('provider_department_id')
        .execute();
      await db.schema
        .createTable('catalog_search_text')
        .addColumn('doc_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          c.primaryKey().references('catalog_search_doc.doc_id'),
        )
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('keywords', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('provider_code', 'text', (c) => c.notNull())
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('published_version', 'integer')
        .addColumn('name_tokens', 'text', (c) => c.notNull())
        .addColumn('keywords_tokens', 'text', (c) => c.notNull())
        .addColumn('items_tokens', 'text', (c) => c.notNull())
        .addColumn('summary_tokens', 'text', (c) => c.notNull())
        .execute();
      await fullTextFor(dialect).createIndex(db, SEARCH_INDEX);
      await db.schema
        .createTable('catalog_search_facet_set')
        .addColumn('facet_set', 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn('facet_key', 'text', (c) => c.notNull().unique())
        .$call(facetColumns)
        .execute();
      await db.schema
        .createTable('catalog_search_facet_count')
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('facet', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalog_search_facet_count_pk', ['audience', 'facet', 'value'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('catalog_search_facet_count').execute();
      await db.schema.dropTable('catalog_search_facet_set').execute();
      await fullTextFor(dialect).dropIndex(db, SEARCH_INDEX);
      await db.schema.dropTable('catalog_search_text').execute();
      await db.schema.dropTable('catalog_search_doc').execute();
    },
  }),
};
