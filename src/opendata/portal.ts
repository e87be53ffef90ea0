import { Readable } from 'node:stream';
import {
  AREA_LIST,
  CATALOG_CLASS_LIST,
  type CatalogSearch,
  DATA_TYPE_LIST,
  type EntryContent,
  labelOf,
  UPDATE_CYCLE_LIST,
} from '../catalog/index.js';
import type { AuditContext, AuditRecorder } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { OpendataErrors } from './errors.js';
import type { OpenCatalog, OpenDataset } from './open-catalog.js';
import type { OpenRowsSource } from './rows.js';
import { assertSearchText } from './text.js';

/** The most full-text hits a query is narrowed to before the open gate, facets and paging. */
export const SEARCH_HITS_MAX = 10_000;

export const OPEN_DOWNLOAD_FORMATS = ['csv', 'ndjson'] as const;
export type OpenDownloadFormat = (typeof OPEN_DOWNLOAD_FORMATS)[number];

export const OPEN_CONTENT_TYPES: Record<OpenDownloadFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** Excel opens a UTF-8 CSV as UTF-8 (not the ANSI code page) only when it starts with a BOM. */
const UTF8_BOM = '\ufeff';

export interface Labelled {
  code: string;
  label: string;
}

/** A theme of the open catalog: the resource's base or theme area, else its catalog class. */
export function themeOf(content: EntryContent): Labelled {
  const area = content.classification.area;
  if (area) return { code: area, label: labelOf(AREA_LIST, area) };
  const catalog = content.classification.catalog;
  return { code: catalog, label: labelOf(CATALOG_CLASS_LIST, catalog) };
}

export interface OpenSummary {
  code: string;
  name: string;
  summary: string;
  keywords: string[];
  theme: Labelled;
  provider: { id: string; name: string };
  updateCycle: Labelled;
  modifiedAt: string;
}

export interface FacetCount {
  code: string;
  label: string;
  count: number;
}

export interface OpenSearchParams {
  q?: string | undefined;
  theme?: string | undefined;
  provider?: string | undefined;
  page: number;
  pageSize: number;
}

export interface OpenSearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: OpenSummary[];
  facets: { themes: FacetCount[]; providers: FacetCount[] };
}

export interface OpenDatasetDetail extends OpenSummary {
  /** Only the non-personal items (personal information is never opened). */
  items: { name: string; dataType: string; length?: number }[];
  format: string;
  conditions: string | null;
  basis: string;
  /** The basis as a code, for a page in the reader’s language. */
  basisCode: 'provider_consent' | 'disclosure_scope';
  /** No licence is recorded in the catalog: the conditions of opening are the terms of use. */
  licence: string;
  publishDate: string | null;
  /**
   * What the catalog knows of freshness: when this version was published and, for hosted data,
   * when the data last changed. The quality module's freshness verdict (rank 6) is not used.
   */
  freshness: { publishedAt: string; dataChangedAt: string | null; updateCycle: string };
  rows: number | null;
  downloads: { format: OpenDownloadFormat; url: string }[];
  links: { dcat: string; ckan: string; page: string };
}

const BASIS_LABELS: Record<string, string> = {
  provider_consent: '提供部门同意开放 / with the provider’s consent',
  disclosure_scope: '属于政府信息公开范围 / within the disclosure scope',
};

export interface OpenPortalDeps {
  open: OpenCatalog;
  search: Pick<CatalogSearch, 'search'>;
  rows: OpenRowsSource;
  audit: AuditRecorder;
  db: Executor;
  publicUrl: string;
}

/** CSV field (RFC 4180): quoted when it holds a quote, comma, line break or edge space. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\r\n`;

/** The public face of the open catalog: search, browse, detail and downloads (R109, R110). */
export class OpenPortal {
  constructor(private readonly deps: OpenPortalDeps) {}

  pageUrl(code: string): string {
    return `${this.deps.publicUrl}/open/datasets/${code}`;
  }

  downloadUrl(code: string, format: OpenDownloadFormat): string {
    return `${this.deps.publicUrl}/api/v1/open/resources/${code}/data.${format}`;
  }

  summary(dataset: OpenDataset): OpenSummary {
    const { content } = dataset;
    return {
      code: dataset.code,
      name: content.name,
      summary: content.summary,
      keywords: content.keywords,
      theme: themeOf(content),
      provider: { id: dataset.provider.id, name: dataset.provider.name },
      updateCycle: { code: content.updateCycle, label: labelOf(UPDATE_CYCLE_LIST, content.updateCycle) },
      modifiedAt: dataset.modifiedAt,
    };
  }

  /** Open datasets a text finds (the catalog's Chinese full-text search), best match first. */
  async find(q: string | undefined): Promise<OpenDataset[]> {
    assertSearchText(q, 'q');
    const text = q?.trim() ?? '';
    if (!text) return this.deps.open.list();
    const hits = await this.deps.search.search('public', { q: text, page: 1, pageSize: SEARCH_HITS_MAX });
    const ids = hits.items.map((hit) => hit.id);
    const rank = new Map(ids.map((id, i) => [id, i]));
    const datasets = await this.deps.open.list({ ids });
    return datasets.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  }

  async search(params: OpenSearchParams): Promise<OpenSearchResult> {
    assertSearchText(params.theme, 'theme');
    assertSearchText(params.provider, 'provider');
    const found = await this.find(params.q);
    // Each facet counts what the other filter leaves, so a visitor sees where a click leads.
    const byProvider = found.filter((d) => !params.provider || d.provider.id === params.provider);
    const byTheme = found.filter((d) => !params.theme || themeOf(d.content).code === params.theme);
    const matching = byProvider.filter((d) => !params.theme || themeOf(d.content).code === params.theme);
    const start = (params.page - 1) * params.pageSize;
    return {
      total: matching.length,
      page: params.page,
      pageSize: params.pageSize,
      items: matching.slice(start, start + params.pageSize).map((d) => this.summary(d)),
      facets: {
        themes: count(byProvider, (d) => themeOf(d.content)),
        providers: count(byTheme, (d) => ({ code: d.provider.id, label: d.provider.name })),
      },
    };
  }

  async dataset(code: string): Promise<OpenDataset> {
    const dataset = await this.deps.open.find(code);
    if (!dataset || dataset.code !== code) throw OpendataErrors.error('OPENDATA_DATASET_NOT_FOUND', { code });
    return dataset;
  }

  async detail(code: string): Promise<OpenDatasetDetail> {
    const dataset = await this.dataset(code);
    const { content } = dataset;
    const hosted = await this.deps.rows.hosted(dataset.id);
    const conditions = content.open.conditions?.trim() || null;
    return {
      ...this.summary(dataset),
      items: content.items.map((item) => ({
        name: item.name,
        dataType: labelOf(DATA_TYPE_LIST, item.dataType),
        ...(item.length !== undefined ? { length: item.length } : {}),
      })),
      format: content.format.concrete,
      conditions,
      basis: BASIS_LABELS[content.open.basis ?? ''] ?? '',
      // The gate (`isOpen`) lets no dataset through without one of the two bases.
      basisCode: content.open.basis as 'provider_consent' | 'disclosure_scope',
      licence: conditions
        ? `按开放条件使用：${conditions} / Use under the conditions of opening`
        : '无条件开放，注明来源即可使用 / Open without conditions; cite the source',
      publishDate: dataset.publishDate,
      freshness: {
        publishedAt: dataset.modifiedAt,
        dataChangedAt: hosted?.lastChangedAt ?? null,
        updateCycle: labelOf(UPDATE_CYCLE_LIST, content.updateCycle),
      },
      rows: hosted?.rows ?? null,
      downloads: hosted
        ? OPEN_DOWNLOAD_FORMATS.map((format) => ({ format, url: this.downloadUrl(code, format) }))
        : [],
      links: {
        dcat: `${this.deps.publicUrl}/api/v1/open/datasets/${code}`,
        ckan: `${this.deps.publicUrl}/api/3/action/package_show?id=${code.replace('/', '-')}`,
        page: this.pageUrl(code),
      },
    };
  }

  /**
   * A public download of an open hosted resource, audited as a public access (no actor, the
   * caller's address) before the first byte leaves; the rows stream page by page.
   */
  async download(
    ctx: AuditContext,
    code: string,
    format: OpenDownloadFormat,
  ): Promise<{ fileName: string; stream: Readable }> {
    const dataset = await this.dataset(code);
    const hosted = await this.deps.rows.hosted(dataset.id);
    if (!hosted) throw OpendataErrors.error('OPENDATA_NOT_DOWNLOADABLE', { code });
    const items = dataset.content.items.map((item) => item.name);
    await this.deps.audit.record(
      this.deps.db,
      { ...ctx, actor: undefined },
      {
        action: 'opendata.download',
        category: 'access',
        targetType: 'catalog_entry',
        targetId: dataset.id,
        detail: { code, format, items, rows: hosted.rows, public: true },
      },
    );
    const source = this.deps.rows.rows(dataset.id, items);
    async function* lines(): AsyncGenerator<string> {
      if (format === 'csv') yield UTF8_BOM + csvLine(items);
      for await (const page of source)
        for (const record of page) {
          if (format === 'csv') yield csvLine(items.map((item) => record[item]));
          else
            yield `${JSON.stringify(Object.fromEntries(items.map((item) => [item, record[item] ?? null])))}\n`;
        }
    }
    return { fileName: `${code.replace('/', '-')}.${format}`, stream: Readable.from(lines()) };
  }
}

function count(datasets: OpenDataset[], key: (d: OpenDataset) => Labelled): FacetCount[] {
  const counts = new Map<string, FacetCount>();
  for (const d of datasets) {
    const { code, label } = key(d);
    const found = counts.get(code);
    if (found) found.count += 1;
    else counts.set(code, { code, label, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN'));
}
