import type { FullTextIndexSpec } from '../../platform/db/fulltext/index.js';
import { indexText } from '../../platform/text/index.js';
import type { EntryContent } from '../model.js';
import type { CatalogEntryTable } from '../schema.js';
import type { CatalogSearchDocTable, CatalogSearchFacetSetTable, CatalogSearchTextTable } from './schema.js';

/** The full-text index over the search documents: name > keywords (and provider) > items > summary. */
export const SEARCH_INDEX: FullTextIndexSpec = {
  table: 'catalog_search_text',
  key: 'doc_id',
  fields: ['name_tokens', 'keywords_tokens', 'items_tokens', 'summary_tokens'],
  vectorTable: 'catalog_search_doc',
};

/** What the index holds about one entry, before segmentation. */
export interface SearchDocument {
  entryId: string;
  code: string;
  name: string;
  summary: string;
  keywords: string[];
  items: string[];
  catalogClass: string;
  area: string | null;
  providerDepartmentId: string;
  providerDepartmentName: string;
  providerCode: string;
  shareType: string;
  formatCategory: string;
  updateCycle: string;
  openToPublic: boolean;
  classified: boolean;
  status: string;
  jurisdictionPath: string;
  publishDate: string | null;
  currentVersion: number;
  publishedVersion: number | null;
  updatedAt: string;
}

/** The rows of a search document: the narrow one filtered and counted, and its text. */
export interface SearchDocumentRows {
  /** Without its facet set, which the index looks up (or adds) when it writes the row. */
  doc: Omit<CatalogSearchDocTable, 'doc_id' | 'facet_set'>;
  facets: Omit<CatalogSearchFacetSetTable, 'facet_set'>;
  text: Omit<CatalogSearchTextTable, 'doc_id'>;
}

/**
 * The search document of an entry: the attributes a reader finds it by come from the indexed
 * version's content (the published one while a revision is under way), the standing and the
 * provider from the entry.
 */
export function documentOf(
  entry: CatalogEntryTable,
  content: EntryContent,
  providerName: string,
): SearchDocument {
  return {
    entryId: entry.id,
    code: entry.code,
    name: content.name,
    summary: content.summary,
    keywords: content.keywords,
    items: content.items.map((item) => item.name),
    catalogClass: content.classification.catalog,
    area: content.classification.area ?? null,
    providerDepartmentId: entry.provider_department_id,
    providerDepartmentName: providerName,
    providerCode: entry.provider_code,
    shareType: content.share.type,
    formatCategory: content.format.category,
    updateCycle: content.updateCycle,
    openToPublic: content.open.toPublic,
    classified: content.classified,
    status: entry.status,
    jurisdictionPath: entry.jurisdiction_path,
    publishDate: entry.publish_date,
    currentVersion: entry.current_version,
    publishedVersion: entry.published_version,
    updatedAt: entry.updated_at,
  };
}

/** The rows of a search document, with its text segmented into index tokens. */
export function documentRows(doc: SearchDocument): SearchDocumentRows {
  return {
    doc: {
      entry_id: doc.entryId,
      status: doc.status,
      jurisdiction_path: doc.jurisdictionPath,
      provider_department_id: doc.providerDepartmentId,
      provider_department_name: doc.providerDepartmentName,
      catalog_class: doc.catalogClass,
      area: doc.area,
      share_type: doc.shareType,
      format_category: doc.formatCategory,
      update_cycle: doc.updateCycle,
      open_to_public: doc.openToPublic ? 1 : 0,
      classified: doc.classified ? 1 : 0,
      publish_date: doc.publishDate,
      updated_at: doc.updatedAt,
    },
    facets: facetSetOf(doc),
    text: {
      code: doc.code,
      name: doc.name,
      summary: doc.summary,
      keywords: JSON.stringify(doc.keywords),
      items: JSON.stringify(doc.items),
      provider_code: doc.providerCode,
      current_version: doc.currentVersion,
      published_version: doc.publishedVersion,
      name_tokens: indexText(doc.name),
      keywords_tokens: indexText([...doc.keywords, doc.providerDepartmentName].join(' ')),
      items_tokens: indexText(doc.items.join(' ')),
      summary_tokens: indexText(doc.summary),
    },
  };
}

/** The code-list facet values of a document, with the key the combination is stored under. */
function facetSetOf(doc: SearchDocument): Omit<CatalogSearchFacetSetTable, 'facet_set'> {
  const values = {
    catalog_class: doc.catalogClass,
    area: doc.area,
    share_type: doc.shareType,
    format_category: doc.formatCategory,
    update_cycle: doc.updateCycle,
    open_to_public: doc.openToPublic ? 1 : 0,
  };
  return { facet_key: JSON.stringify(Object.values(values)), ...values };
}
