import type { Generated } from 'kysely';

/**
 * One row per catalog entry as search filters, counts and orders it: narrow on purpose, so that
 * facet counts over tens of thousands of hits read little. What a result shows and the tokens
 * live beside it in `catalog_search_text`. The version indexed is the one a reader may find: the
 * published one if any, else the current one.
 */
export interface CatalogSearchDocTable {
  /** Key of the full-text index (SQLite: the FTS5 rowid). Assigned by the database. */
  doc_id: Generated<number>;
  entry_id: string;
  status: string;
  jurisdiction_path: string;
  provider_department_id: string;
  provider_department_name: string;
  catalog_class: string;
  area: string | null;
  share_type: string;
  format_category: string;
  update_cycle: string;
  open_to_public: number;
  classified: number;
  publish_date: string | null;
  updated_at: string;
  /** The row of `catalog_search_facet_set` holding this document's code-list facet values. */
  facet_set: number;
}

/**
 * Each combination of code-list facet values that occurs, once, under a small integer: a broad
 * search counts its tens of thousands of hits by one integer instead of six text columns.
 */
export interface CatalogSearchFacetSetTable {
  facet_set: Generated<number>;
  /** The values below as one string, unique (the area may be null). */
  facet_key: string;
  catalog_class: string;
  area: string | null;
  share_type: string;
  format_category: string;
  update_cycle: string;
  open_to_public: number;
}

/**
 * Counts per facet value of the entries every reader of an audience sees, kept in step with the
 * documents in the same statement batch that changes them: `reader` counts the published and
 * withdrawn entries (what every signed-in reader sees), `public` the published, open,
 * non-classified ones. Listing without words or filters reads these few hundred rows instead of
 * counting the whole catalog; the unpublished entries a reader may also see are counted live.
 */
export interface CatalogSearchFacetCountTable {
  audience: 'reader' | 'public';
  facet: string;
  value: string;
  /** The provider department's name for that facet. */
  label: string | null;
  count: number;
}

/** What a result shows, and the text segmented into tokens for the full-text index. */
export interface CatalogSearchTextTable {
  doc_id: number;
  code: string;
  name: string;
  summary: string;
  /** JSON list of keywords. */
  keywords: string;
  /** JSON list of information item names. */
  items: string;
  provider_code: string;
  current_version: number;
  published_version: number | null;
  /** Tokens of the name (weight A). */
  name_tokens: string;
  /** Tokens of the keywords and the provider department's name (weight B). */
  keywords_tokens: string;
  /** Tokens of the information item names (weight C). */
  items_tokens: string;
  /** Tokens of the summary (weight D). */
  summary_tokens: string;
}

export interface CatalogSearchTables {
  catalog_search_doc: CatalogSearchDocTable;
  catalog_search_text: CatalogSearchTextTable;
  catalog_search_facet_set: CatalogSearchFacetSetTable;
  catalog_search_facet_count: CatalogSearchFacetCountTable;
}
