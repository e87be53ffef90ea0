import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { AuditTrail } from '../../audit/index.js';
import type { DepartmentService } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { PlatformConfig } from '../../platform/config/index.js';
import { absentOn } from '../../platform/errors/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { CatalogSearch } from '../search/query.js';
import type { CatalogService } from '../service.js';
import type { CatalogDb } from '../store.js';
import { CatalogExporter } from './export.js';
import { CatalogImporter } from './import.js';
import { OpenCatalog } from './open-catalog.js';
import { ImportReportStore } from './report-store.js';
import { ckanRoutes } from './routes/ckan.js';
import { catalogExportRoutes } from './routes/export.js';
import { catalogImportRoutes } from './routes/import.js';
import { dcatRoutes } from './routes/open.js';

export { CatalogFormatErrors } from './errors.js';

export interface CatalogFormatDeps {
  /** The catalog's tables; the composition root passes the platform's handle. */
  db: CatalogDb;
  config: Pick<PlatformConfig, 'dataDir' | 'publicUrl' | 'networkZone'>;
  profile: Profile;
  clock: Clock;
  audit: AuditTrail;
  departments: Pick<DepartmentService, 'get'>;
  catalog: Pick<CatalogService, 'createDraft'>;
  search: Pick<CatalogSearch, 'search'>;
  /** Largest accepted filing, from the platform configuration. */
  importLimitBytes: number;
}

/**
 * The catalog's exchange formats as one plugin: the filing template's import and its error
 * reports, exports of department catalogs and shared catalog editions, and the public open
 * catalog in DCAT and through a CKAN-compatible read API.
 */
export function catalogFormatRoutes(deps: CatalogFormatDeps): FastifyPluginAsync {
  const publicUrl = deps.config.publicUrl.replace(/\/+$/, '');
  const reports = new ImportReportStore(join(deps.config.dataDir, 'catalog-import'), deps.clock);
  const db = deps.db;
  const importer = new CatalogImporter({
    db,
    catalog: deps.catalog,
    departments: deps.departments,
    audit: deps.audit,
    profile: deps.profile,
    networkZone: deps.config.networkZone,
    reports,
  });
  const exporter = new CatalogExporter({
    db,
    departments: deps.departments,
    audit: deps.audit,
    clock: deps.clock,
  });
  const open = new OpenCatalog(db, async (id) => {
    const department = await absentOn(deps.departments.get(undefined, id), 'ORG_DEPARTMENT_NOT_FOUND');
    return department?.name;
  });
  const publisher = {
    name: `${deps.profile.jurisdiction.zh}${deps.profile.authorityLabels.authority.value}`,
    homepage: `${publicUrl}/`,
  };
  return async (app) => {
    await app.register(catalogImportRoutes({ importer, reports, limitBytes: deps.importLimitBytes }));
    await app.register(catalogExportRoutes({ exporter }));
    await app.register(dcatRoutes({ open, publicUrl, publisher }));
    await app.register(ckanRoutes({ open, search: deps.search, publicUrl }));
  };
}
