import type { FastifyPluginAsync } from 'fastify';
import type { CatalogDb, CatalogSearch } from '../catalog/index.js';
import type { DepartmentService } from '../org/index.js';
import { absentOn } from '../platform/errors/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { OpenCatalog } from './open-catalog.js';
import { ckanRoutes } from './routes/ckan.js';
import { dcatRoutes } from './routes/dcat.js';

export { OpendataErrors } from './errors.js';

export interface OpendataDeps {
  /** The catalog's tables (read only: published entries open to the public). */
  db: CatalogDb;
  publicUrl: string;
  profile: Profile;
  departments: Pick<DepartmentService, 'get'>;
  search: Pick<CatalogSearch, 'search'>;
}

/**
 * The open data portal's public routes (R109, R110): the open catalog as DCAT JSON-LD and through
 * a CKAN-compatible action API.
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
  return async (app) => {
    await app.register(dcatRoutes({ open, publicUrl, publisher }));
    await app.register(ckanRoutes({ open, search: deps.search, publicUrl }));
  };
}
