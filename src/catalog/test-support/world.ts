import type { Platform } from '../../app/index.js';
import {
  createDepartment,
  type OrgClient,
  type OrgWorld,
  type OrgWorldOptions,
  signedInUser,
  startOrgWorld,
  USCCS,
} from '../../org/test-support/index.js';
import type { DialectName } from '../../platform/db/index.js';
import { preparingSubmissions } from './preparation.js';

/**
 * A catalog world: two city departments (公安, 人社) and a county one, each with a resource
 * administrator, the city's and the county's authority, and a department user of 人社.
 */
export interface CatalogWorld extends OrgWorld {
  departments: { police: string; hrss: string; county: string };
  police: OrgClient;
  hrss: OrgClient;
  countyAdmin: OrgClient;
  authority: OrgClient;
  countyAuthority: OrgClient;
  hrssUser: OrgClient;
  close(): Promise<void>;
}

export async function startCatalogWorld(
  dialect: DialectName,
  options: OrgWorldOptions & {
    /**
     * Record the 809 第十三条 assessments and approval before each submission of the resource
     * administrators (default), for tests of other steps; N02 tests pass false and record them.
     */
    prepareOnSubmit?: boolean;
  } = {},
): Promise<CatalogWorld> {
  const w = await startOrgWorld(dialect, options);
  const p: Platform = w.platform;
  const police = await createDepartment(p, '示范市公安局', USCCS[0], w.city.id);
  const hrss = await createDepartment(p, '示范市人力资源和社会保障局', USCCS[2], w.city.id);
  const county = await createDepartment(p, '示范县市场监督管理局', USCCS[10], w.county.id);
  const prepared = (client: OrgClient) =>
    options.prepareOnSubmit === false ? client : preparingSubmissions(p, client);
  return {
    ...w,
    departments: { police, hrss, county },
    police: prepared(await signedInUser(p, 'police.admin', police, ['resource_admin'])),
    hrss: prepared(await signedInUser(p, 'hrss.admin', hrss, ['resource_admin'])),
    countyAdmin: prepared(await signedInUser(p, 'county.admin', county, ['resource_admin'])),
    authority: await signedInUser(p, 'city.authority', w.cityDepartmentId, ['authority']),
    countyAuthority: await signedInUser(p, 'county.authority', county, ['authority']),
    hrssUser: await signedInUser(p, 'hrss.user', hrss, ['dept_user']),
    close: () => w.t.close(),
  };
}
