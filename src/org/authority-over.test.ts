import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { createDepartment, createUser, type OrgWorld, startOrgWorld, USCCS } from './test-support/index.js';

/**
 * N06 N19 R128: where the overdue party is the competent authority (its review of an updated
 * catalog, its coordination of a dispute), the escalation goes to the head of the authority's
 * department: the department whose accounts hold the `authority` role nearest above the
 * jurisdiction (the authority's reach runs down its jurisdiction's subtree).
 */
describe.each(DIALECTS)('N06 N19 R128 the competent authority over a jurisdiction on %s', (dialect) => {
  let w: OrgWorld;
  let county: string;

  beforeAll(async () => {
    w = await startOrgWorld(dialect);
    county = await createDepartment(
      w.platform,
      '示范县政务服务和数据管理局',
      USCCS[10] as string,
      w.county.id,
    );
    await createUser(w.platform, 'ao_city', w.cityDepartmentId, ['authority']);
    await createUser(w.platform, 'ao_county', county, ['authority']);
    // A county department whose accounts hold other roles only: not the authority.
    const market = await createDepartment(
      w.platform,
      '示范县市场监督管理局',
      USCCS[4] as string,
      w.county.id,
    );
    await createUser(w.platform, 'ao_market', market, ['resource_admin']);
  }, 120_000);
  afterAll(() => w?.t.close());

  const over = (path: string) => w.platform.services.departments.authorityOver(path);

  it('N19 R128 the nearest level with an authority answers: the county’s own, else the city’s above it; none across cities', async () => {
    expect(await over(w.county.path)).toEqual({
      id: county,
      name: '示范县政务服务和数据管理局',
      jurisdictionPath: w.county.path,
    });
    expect(await over(w.city.path)).toMatchObject({ id: w.cityDepartmentId, jurisdictionPath: w.city.path });
    // A county of the city without a department of its own: the city's authority.
    expect(await over(`${w.city.path}990199/`)).toMatchObject({ id: w.cityDepartmentId });
    // The other city has no authority; the common path of two cities is the root: nobody.
    expect(await over(w.otherCity.path)).toBeUndefined();
    expect(await over('/')).toBeUndefined();
  });

  it('N06 R128 a disabled department holds no authority: the county falls back to the city; in the same level, most holders first', async () => {
    const patched = await w.sysadmin.request('PATCH', `/api/v1/departments/${county}`, {
      status: 'disabled',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(await over(w.county.path)).toMatchObject({ id: w.cityDepartmentId });

    // A second city department with two holders outranks the one with one.
    const second = await createDepartment(w.platform, '示范市大数据中心', USCCS[2] as string, w.city.id);
    await createUser(w.platform, 'ao_second_1', second, ['authority']);
    await createUser(w.platform, 'ao_second_2', second, ['authority']);
    expect(await over(w.city.path)).toMatchObject({ id: second });
    // In the caller's transaction too.
    const inTrx = await w.platform.storage.db
      .transaction()
      .execute((trx) => w.platform.services.departments.authorityOver(w.county.path, trx));
    expect(inTrx).toMatchObject({ id: second });
  });
});
