import type { EntryContent } from './model.js';
import type { CatalogDb } from './store.js';

export interface OpenEntryFilter {
  /** Entry ids to keep (the public full-text search's hits), in no particular order. */
  ids?: readonly string[];
  providerIds?: readonly string[];
  /** ISO bounds of the published version's publication time, inclusive. */
  modifiedFrom?: string;
  modifiedTo?: string;
}

/** A published entry marked open to the public and not classified, with its published content. */
export interface OpenEntryRow {
  id: string;
  code: string;
  providerDepartmentId: string;
  providerCode: string;
  publishDate: string | null;
  createdAt: string;
  /** When the published version was published. */
  modifiedAt: string;
  content: EntryContent;
}

/**
 * The published entries whose columns say open to the public and not classified, with the content
 * of their published version, in code order: what the open data portal starts from (it checks the
 * content again against its own gate). The catalog reads its own tables; opendata calls this.
 */
export async function publishedOpenEntries(
  db: CatalogDb,
  filter: OpenEntryFilter = {},
): Promise<OpenEntryRow[]> {
  if (filter.ids?.length === 0 || filter.providerIds?.length === 0) return [];
  let query = db
    .selectFrom('catalog_entry as e')
    .innerJoin('catalog_version as v', (join) =>
      join.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.published_version'),
    )
    .select([
      'e.id',
      'e.code',
      'e.provider_department_id',
      'e.provider_code',
      'e.publish_date',
      'e.created_at',
      'e.updated_at',
      'v.content',
      'v.published_at',
    ])
    .where('e.status', '=', 'published')
    .where('e.open_to_public', '=', 1)
    .where('e.classified', '=', 0);
  if (filter.ids) query = query.where('e.id', 'in', filter.ids);
  if (filter.providerIds) query = query.where('e.provider_department_id', 'in', filter.providerIds);
  if (filter.modifiedFrom) query = query.where('v.published_at', '>=', filter.modifiedFrom);
  if (filter.modifiedTo) query = query.where('v.published_at', '<=', filter.modifiedTo);
  const rows = await query.orderBy('e.code').execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    providerDepartmentId: row.provider_department_id,
    providerCode: row.provider_code,
    publishDate: row.publish_date,
    createdAt: row.created_at,
    modifiedAt: row.published_at ?? row.updated_at,
    content: JSON.parse(row.content) as EntryContent,
  }));
}

/** An entry's id from its id, its resource code, or its CKAN name (the code with `-` for `/`). */
export async function entryIdByIdOrCode(db: CatalogDb, idOrCode: string): Promise<string | undefined> {
  const code = /^\d+-\d{6}$/.test(idOrCode) ? idOrCode.replace('-', '/') : idOrCode;
  const row = await db
    .selectFrom('catalog_entry')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', code)]))
    .executeTakeFirst();
  return row?.id;
}
