import type { AuditTrail } from '../../audit/index.js';
import type { DepartmentService } from '../../org/index.js';
import { authorize } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { RequestContext } from '../../platform/context/index.js';

import type { EditionEntry } from '../editions.js';
import type { EntryContent } from '../model.js';
import { CatalogActions } from '../policies.js';
import type { CatalogDb } from '../store.js';
import { canReadUnpublished, catalogVisibilityFilter } from '../visibility.js';
import { CatalogFormatErrors } from './errors.js';
import { catalogRows, type ExportedEntry } from './render.js';
import { templateXlsx } from './template.js';

export type ExportFormat = 'xlsx' | 'json';

export interface CatalogExportDeps {
  db: CatalogDb;
  departments: Pick<DepartmentService, 'get'>;
  audit: AuditTrail;
  clock: Clock;
}

/** A JSON export: the entries' full content with what identifies them. */
export interface CatalogExportDocument {
  format: 'govshare.catalog';
  formatVersion: 1;
  exportedAt: string;
  scope:
    | { kind: 'department'; id: string; name: string; code: string }
    | { kind: 'edition'; edition: number; compiledAt: string };
  entries: (ExportedEntry & { id: string; version: number })[];
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer | CatalogExportDocument;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Exports a department's resource catalog or an edition of the shared catalog, in the filing
 * template's layout (so that it imports again) or as JSON. A reader gets what it may read: the
 * newest version of entries whose unpublished state it may see, the published version of the rest.
 */
export class CatalogExporter {
  constructor(private readonly deps: CatalogExportDeps) {}

  async department(rc: RequestContext, departmentId: string, format: ExportFormat): Promise<ExportFile> {
    authorize(rc.actor, CatalogActions['catalog.export']);
    const department = await this.deps.departments.get(undefined, departmentId);
    const db = this.deps.db;
    const rows = await db
      .selectFrom('catalog_entry')
      .selectAll()
      .where('provider_department_id', '=', department.id)
      // Withdrawn entries are no longer part of the department's catalog.
      .where('status', '!=', 'withdrawn')
      .where((eb) => catalogVisibilityFilter(eb, rc.actor))
      .orderBy('code')
      .execute();
    const entries: CatalogExportDocument['entries'] = [];
    for (const row of rows) {
      const newest = canReadUnpublished(rc.actor, row);
      const version = newest ? row.current_version : row.published_version;
      if (version === null) continue;
      entries.push({
        id: row.id,
        code: row.code,
        version,
        status: newest ? row.current_status : row.status,
        provider: { name: department.name, code: row.provider_code },
        publishDate: row.publish_date,
        content: await this.#content(row.id, version),
      });
    }
    const stamp = this.deps.clock.now().toISOString().slice(0, 10);
    return this.#file(
      rc,
      format,
      `${department.name}-信息资源目录-${stamp}`,
      { kind: 'department', id: department.id, name: department.name, code: department.uscc },
      entries,
    );
  }

  async edition(rc: RequestContext, edition: number, format: ExportFormat): Promise<ExportFile> {
    authorize(rc.actor, CatalogActions['catalog.edition.read']);
    authorize(rc.actor, CatalogActions['catalog.export']);
    const row = await this.deps.db
      .selectFrom('catalog_edition')
      .selectAll()
      .where('edition', '=', edition)
      .executeTakeFirst();
    if (!row) throw CatalogFormatErrors.error('CATALOG_EXPORT_EDITION_NOT_FOUND', { edition });
    const listed = JSON.parse(row.entries) as EditionEntry[];
    const entries: CatalogExportDocument['entries'] = [];
    for (const item of listed) {
      const content = await this.#content(item.entryId, item.version);
      entries.push({
        id: item.entryId,
        code: item.code,
        version: item.version,
        status: 'published',
        provider: { name: item.provider.name, code: item.provider.code },
        publishDate: item.publishDate,
        content,
      });
    }
    return this.#file(
      rc,
      format,
      `共享目录-第${edition}版`,
      { kind: 'edition', edition, compiledAt: row.compiled_at },
      entries,
    );
  }

  async #content(entryId: string, version: number): Promise<EntryContent> {
    const row = await this.deps.db
      .selectFrom('catalog_version')
      .select('content')
      .where('entry_id', '=', entryId)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.content) as EntryContent;
  }

  async #file(
    rc: RequestContext,
    format: ExportFormat,
    name: string,
    scope: CatalogExportDocument['scope'],
    entries: CatalogExportDocument['entries'],
  ): Promise<ExportFile> {
    await this.deps.audit.record(this.deps.db, rc, {
      action: 'catalog.export',
      targetType: scope.kind === 'department' ? 'department' : 'catalog_edition',
      targetId: scope.kind === 'department' ? scope.id : String(scope.edition),
      detail: { format, entries: entries.length },
    });
    if (format === 'xlsx')
      return { fileName: `${name}.xlsx`, contentType: XLSX, body: await templateXlsx(catalogRows(entries)) };
    const document: CatalogExportDocument = {
      format: 'govshare.catalog',
      formatVersion: 1,
      exportedAt: this.deps.clock.now().toISOString(),
      scope,
      entries,
    };
    return { fileName: `${name}.json`, contentType: 'application/json; charset=utf-8', body: document };
  }
}
