import { type CatalogDb, type EntryContent, OPEN_BASES } from '../catalog/index.js';

/**
 * A resource as the public sees it: its published content, never a draft, and never a personal
 * information item (`content.items` holds only the non-personal ones).
 */
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
 * The gate of every public channel (R109, R110) — pages, DCAT, CKAN and downloads all read through
 * `OpenCatalog.list`, which keeps a published entry only when this holds for its published
 * content: marked open to society, not classified, and the basis recorded (the provider's consent
 * or the government-information-disclosure scope). The entry's columns already say the first two;
 * the content is checked again so that a column out of step can never publish a closed resource.
 */
export function isOpen(content: EntryContent): boolean {
  return (
    content.open?.toPublic === true &&
    content.classified === false &&
    (OPEN_BASES as readonly string[]).includes(content.open.basis ?? '')
  );
}

/** The content as the public may see it: personal information items are never opened. */
export function publicContent(content: EntryContent): EntryContent {
  return { ...content, items: content.items.filter((item) => !item.personal) };
}

/**
 * Reads the open catalog: published entries that pass the gate (`isOpen`), with the content of
 * their published version. It reads the database on every call and keeps nothing: withdrawing the
 * open mark or unpublishing takes a resource off every public channel at once.
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
        content: publicContent(content),
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
