import { newId } from '../../../platform/db/ids.js';
import { type Executor, tablesOf } from '../../../platform/db/index.js';
import { CATALOG_CLASS_DIGIT, type EntryContent } from '../../model.js';
import type { CatalogTables } from '../../schema.js';
import type { SearchDocument } from '../document.js';
import type { CatalogSearchIndex } from '../index.js';
import type { GeneratedEntry } from './catalog-generator.js';

export * from './catalog-generator.js';

/** The entry content a generated entry stands for. */
export function contentOf(entry: GeneratedEntry): EntryContent {
  return {
    name: entry.name,
    classification: {
      catalog: entry.catalogClass,
      ...(entry.area ? { area: entry.area } : {}),
      category: '001',
    },
    summary: entry.summary,
    format: { category: entry.formatCategory, concrete: entry.concreteFormat },
    updateCycle: entry.updateCycle,
    relatedCodes: [],
    keywords: entry.keywords,
    items: entry.items.map((name) => ({ name, dataType: 'C', length: 50, isKey: false, personal: false })),
    share: {
      type: entry.shareType,
      methods: ['platform_interface'],
      legalBasis:
        entry.shareType === 'unconditional'
          ? []
          : [{ kind: 'law', title: '《中华人民共和国数据安全法》', article: '第三十八条' }],
    },
    open: { toPublic: entry.openToPublic },
    classified: false,
  };
}

/** The search document of a generated entry, for loading the index directly (benchmarks). */
export function searchDocumentOf(entry: GeneratedEntry, n: number): SearchDocument {
  const area = entry.area ? '01' : '00';
  return {
    entryId: `bench-${n}`,
    code: `${CATALOG_CLASS_DIGIT[entry.catalogClass]}${area}001/${String(n).padStart(6, '0')}`,
    name: entry.name,
    summary: entry.summary,
    keywords: entry.keywords,
    items: entry.items,
    catalogClass: entry.catalogClass,
    area: entry.area,
    providerDepartmentId: entry.provider.key,
    providerDepartmentName: entry.provider.name,
    providerCode: '',
    shareType: entry.shareType,
    formatCategory: entry.formatCategory,
    updateCycle: entry.updateCycle,
    openToPublic: entry.openToPublic,
    classified: false,
    status: entry.status,
    jurisdictionPath: entry.provider.jurisdictionPath,
    publishDate: entry.publishDate,
    currentVersion: 1,
    publishedVersion: entry.publishDate ? 1 : null,
    updatedAt: `${entry.publishDate ?? '2025-01-01'}T08:00:00.000Z`,
  };
}

let sequence = 0;

/**
 * Puts an entry into the catalog's tables as the catalog service would leave it (one version, in
 * the given status) and indexes it in the same transaction. For search tests that need many
 * entries in states the lifecycle takes several steps to reach.
 */
export async function insertCatalogEntry(
  executor: Executor,
  index: CatalogSearchIndex,
  entry: GeneratedEntry,
  provider: { id: string; uscc: string; jurisdictionPath: string },
): Promise<string> {
  const id = newId();
  sequence += 1;
  const content = contentOf(entry);
  const classCode = `${CATALOG_CLASS_DIGIT[entry.catalogClass]}${entry.area ? '01' : '00'}001`;
  const now = new Date().toISOString();
  const published = entry.status === 'published' || entry.status === 'withdrawn';
  await executor.transaction().execute(async (trx) => {
    const db = tablesOf<CatalogTables>(trx);
    await db
      .insertInto('catalog_entry')
      .values({
        id,
        code: `${classCode}/${String(sequence).padStart(6, '0')}`,
        class_code: classCode,
        catalog_class: entry.catalogClass,
        area: entry.area,
        provider_department_id: provider.id,
        provider_code: provider.uscc,
        jurisdiction_path: provider.jurisdictionPath,
        status: entry.status,
        current_status: entry.status,
        name: entry.name,
        share_type: entry.shareType,
        open_to_public: entry.openToPublic ? 1 : 0,
        classified: 0,
        current_version: 1,
        published_version: published ? 1 : null,
        publish_date: entry.publishDate,
        created_at: now,
        created_by: 'test',
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('catalog_version')
      .values({
        entry_id: id,
        version: 1,
        content: JSON.stringify(content),
        status: entry.status,
        change_reason: null,
        reductions: '[]',
        created_at: now,
        created_by: 'test',
        submitted_at: null,
        ratified_at: null,
        ratified_by: null,
        published_at: published ? now : null,
      })
      .execute();
    await index.reindex(trx, id);
  });
  return id;
}
