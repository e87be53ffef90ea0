import type { FastifyPluginAsync } from 'fastify';
import type { CatalogDb, CatalogSearch } from '../catalog/index.js';
import type { DepartmentService } from '../org/index.js';
import type { AuditRecorder } from '../platform/context/index.js';
import { absentOn } from '../platform/errors/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { OpenCatalog } from './open-catalog.js';
import { OpenPortal } from './portal.js';
import { ckanRoutes } from './routes/ckan.js';
import { dcatRoutes } from './routes/dcat.js';
import { portalRoutes } from './routes/portal.js';
import type { OpenRowsSource } from './rows.js';

export { OpendataErrors } from './errors.js';
export { isOpen, type OpenDataset, publicContent } from './open-catalog.js';
export type { OpenRowsSource } from './rows.js';

export interface OpendataDeps {
  /** The catalog's tables (read only: published entries open to the public). */
  db: CatalogDb;
  publicUrl: string;
  profile: Profile;
  departments: Pick<DepartmentService, 'get'>;
  search: Pick<CatalogSearch, 'search'>;
  /** Rows of hosted resources for downloads (the composition root reads them from the exchange). */
  rows: OpenRowsSource;
  /** Every public download is audited (actor none, the caller's address). */
  audit: AuditRecorder;
}

/**
 * The open data portal's public routes (R109, R110): search, browse, dataset pages and downloads,
 * the open catalog as DCAT JSON-LD, and a CKAN-compatible action API. All of them read through one
 * gate (`isOpen`, applied by `OpenCatalog.list`), so a resource is public everywhere or nowhere.
 */
export function opendataRoutes(deps: OpendataDeps): FastifyPluginAsync {
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const open = new OpenCatalog(deps.db, async (id) => {
    const department = await absentOn(deps.departments.get(undefined, id), 'ORG_DEPARTMENT_NOT_FOUND');
    return department?.name;
  });
  const publisher = {
    name: `${deps.profile.jurisdiction.zh}${deps.profile.authorityLabels.authority.value}`,
    homepage: `${publicUrl}/`,
  };
  const portal = new OpenPortal({
    open,
    search: deps.search,
    rows: deps.rows,
    audit: deps.audit,
    db: deps.db,
    publicUrl,
  });
  return async (app) => {
    await app.register(portalRoutes(portal));
    await app.register(dcatRoutes({ open, rows: deps.rows, publicUrl, publisher }));
    await app.register(
      ckanRoutes({ open, rows: deps.rows, search: deps.search, publicUrl, siteTitle: publisher.name }),
    );
  };
}
