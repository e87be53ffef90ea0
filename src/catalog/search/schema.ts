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
}
