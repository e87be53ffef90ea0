import type { Platform } from '../../app/index.js';
import {
  createDepartment,
  createUser,
  type OrgClient,
  type OrgWorld,
  signedIn,
  startOrgWorld,
  USCCS,
} from '../../org/test-support/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { PlatformConfig } from '../../platform/config/index.js';
import type { DialectName } from '../../platform/db/index.js';

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
  options: { clock?: Clock; config?: Partial<PlatformConfig> } = {},
): Promise<CatalogWorld> {
  const w = await startOrgWorld(dialect, options);
  const p: Platform = w.platform;
  const police = await createDepartment(p, '示范市公安局', USCCS[0], w.city.id);
  const hrss = await createDepartment(p, '示范市人力资源和社会保障局', USCCS[2], w.city.id);
  const county = await createDepartment(p, '示范县市场监督管理局', USCCS[10], w.county.id);
  await createUser(p, 'police.admin', police, ['resource_admin']);
  await createUser(p, 'hrss.admin', hrss, ['resource_admin']);
  await createUser(p, 'county.admin', county, ['resource_admin']);
  await createUser(p, 'city.authority', w.cityDepartmentId, ['authority']);
  await createUser(p, 'county.authority', county, ['authority']);
  await createUser(p, 'hrss.user', hrss, ['dept_user']);
  return {
    ...w,
    departments: { police, hrss, county },
    police: await signedIn(p, 'police.admin'),
    hrss: await signedIn(p, 'hrss.admin'),
    countyAdmin: await signedIn(p, 'county.admin'),
    authority: await signedIn(p, 'city.authority'),
    countyAuthority: await signedIn(p, 'county.authority'),
    hrssUser: await signedIn(p, 'hrss.user'),
    close: () => w.t.close(),
  };
}
