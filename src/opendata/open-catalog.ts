import {
  type CatalogDb,
  type EntryContent,
  entryIdByIdOrCode,
  OPEN_BASES,
  type OpenEntryFilter,
  publishedOpenEntries,
} from '../catalog/index.js';

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

export type OpenFilter = OpenEntryFilter;

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
    const rows = await publishedOpenEntries(this.db, filter);
    const names = new Map<string, string>();
    const out: OpenDataset[] = [];
    for (const row of rows) {
      if (!isOpen(row.content)) continue;
      let name = names.get(row.providerDepartmentId);
      if (name === undefined) {
        name = (await this.providerName(row.providerDepartmentId)) ?? row.providerCode;
        names.set(row.providerDepartmentId, name);
      }
      out.push({
        id: row.id,
        code: row.code,
        content: publicContent(row.content),
        provider: { id: row.providerDepartmentId, name, uscc: row.providerCode },
        publishDate: row.publishDate,
        createdAt: row.createdAt,
        modifiedAt: row.modifiedAt,
      });
    }
    return out;
  }

  /** One open dataset by its resource code, its entry id, or its CKAN name (the code with `-`). */
  async find(idOrCode: string): Promise<OpenDataset | undefined> {
    const id = await entryIdByIdOrCode(this.db, idOrCode);
    if (!id) return undefined;
    const [dataset] = await this.list({ ids: [id] });
    return dataset;
  }
}
