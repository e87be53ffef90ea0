import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { AuditTrail } from '../../audit/index.js';
import type { DepartmentService } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { PlatformConfig } from '../../platform/config/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { CatalogService } from '../service.js';
import type { CatalogDb } from '../store.js';
import { CatalogExporter } from './export.js';
import { CatalogImporter } from './import.js';
import { ImportReportStore } from './report-store.js';
import { catalogExportRoutes } from './routes/export.js';
import { catalogImportRoutes } from './routes/import.js';

export { CatalogFormatErrors } from './errors.js';

export interface CatalogFormatDeps {
  /** The catalog's tables; the composition root passes the platform's handle. */
  db: CatalogDb;
  config: Pick<PlatformConfig, 'dataDir' | 'networkZone'>;
  profile: Profile;
  clock: Clock;
  audit: AuditTrail;
  departments: Pick<DepartmentService, 'get'>;
  catalog: Pick<CatalogService, 'createDraft'>;
  /** Largest accepted filing, from the platform configuration. */
  importLimitBytes: number;
}

/**
 * The catalog's exchange formats as one plugin: the filing template's import and its error
 * reports, and exports of department catalogs and shared catalog editions. The public open
 * catalog (DCAT, CKAN) lives in the opendata module.
 */
export function catalogFormatRoutes(deps: CatalogFormatDeps): FastifyPluginAsync {
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
  return async (app) => {
    await app.register(catalogImportRoutes({ importer, reports, limitBytes: deps.importLimitBytes }));
    await app.register(catalogExportRoutes({ exporter }));
  };
}
