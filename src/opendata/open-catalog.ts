import type { CatalogDb, EntryContent } from '../catalog/index.js';

/** A resource as the public sees it: its published content, never a draft. */
export interface OpenDataset {
  id: string;
  code: string;
  content: EntryContent;
  provider: OpenProvider;
  publishDate: string | null;
  createdAt: string;
  /** When the published version was published. */
  modifiedAt: string;
}

export interface OpenProvider {
  id: string;
  name: string;
  /** 统一社会信用代码 (信息资源提供方代码). */
  uscc: string;
}

/** The provider department's name (the org module owns departments; the composition root supplies this). */
export type ProviderNameLookup = (departmentId: string) => Promise<string | undefined>;

export interface OpenFilter {
  /** Entry ids to keep (the public full-text search's hits), in no particular order. */
  ids?: readonly string[];
  providerIds?: readonly string[];
  /** ISO bounds of the published version's publication time, inclusive. */
  modifiedFrom?: string;
  modifiedTo?: string;
}

/**
 * Whether published content may be shown to the public (R109, R110): open to society and not
 * classified. The entry's columns already say so; the content is checked again so that a column
 * out of step can never publish a closed resource.
 */
export function isOpen(content: EntryContent): boolean {
  return content.open?.toPublic === true && content.classified === false;
}

/**
 * Reads the open catalog: published, non-classified entries open to the public, with the
 * content of their published version. Nothing else ever leaves through the public routes.
 */
export class OpenCatalog {
  constructor(
    private readonly db: CatalogDb,
    private readonly providerName: ProviderNameLookup,
  ) {}

  async list(filter: OpenFilter = {}): Promise<OpenDataset[]> {
    if (filter.ids?.length === 0 || filter.providerIds?.length === 0) return [];
    let query = this.db
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
    const names = new Map<string, string>();
    const out: OpenDataset[] = [];
    for (const row of rows) {
      const content = JSON.parse(row.content) as EntryContent;
      if (!isOpen(content)) continue;
      let name = names.get(row.provider_department_id);
      if (name === undefined) {
        name = (await this.providerName(row.provider_department_id)) ?? row.provider_code;
        names.set(row.provider_department_id, name);
      }
      out.push({
        id: row.id,
        code: row.code,
        content,
        provider: { id: row.provider_department_id, name, uscc: row.provider_code },
        publishDate: row.publish_date,
        createdAt: row.created_at,
        modifiedAt: row.published_at ?? row.updated_at,
      });
    }
    return out;
  }

  /** One open dataset by its resource code, its entry id, or its CKAN name (the code with `-`). */
  async find(idOrCode: string): Promise<OpenDataset | undefined> {
    const code = /^\d+-\d{6}$/.test(idOrCode) ? idOrCode.replace('-', '/') : idOrCode;
    const row = await this.db
      .selectFrom('catalog_entry')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', code)]))
      .executeTakeFirst();
    if (!row) return undefined;
    const [dataset] = await this.list({ ids: [row.id] });
    return dataset;
  }
}
