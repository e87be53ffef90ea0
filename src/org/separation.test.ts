import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  createDepartment,
  createUser,
  type OrgWorld,
  signedIn,
  startOrgWorld,
  USCCS,
} from './test-support/index.js';

describe.each(DIALECTS)('R96 separation of duties (三员分立) and the org structure on %s', (dialect) => {
  let w: OrgWorld;
  let departmentId: string;

  const meId = async (client: OrgWorld['secadmin']) =>
    (await client.request('GET', '/api/v1/auth/me')).body.me.id as string;
  const setRoles = (id: string, roles: string[]) =>
    w.secadmin.request('PUT', `/api/v1/users/${id}/roles`, { roles });

  beforeAll(async () => {
    w = await startOrgWorld(dialect);
    departmentId = await createDepartment(w.platform, '示范市卫生健康委员会', USCCS[2], w.city.id);
  });
  afterAll(() => w.t.close());

  describe('role grants', () => {
    it('R96 the security administrator cannot change its own roles', async () => {
      const res = await w.secadmin.request('PUT', `/api/v1/users/${await meId(w.secadmin)}/roles`, {
        roles: ['security_admin'],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ORG_ROLE_SELF_GRANT');
    });

    it('R96 a separated role is held alone: operator+auditor and operator+dept_user are refused', async () => {
      const id = await createUser(w.platform, 'sep_target', departmentId, ['dept_user']);
      for (const roles of [
        ['operator', 'auditor'],
        ['operator', 'dept_user'],
        ['security_admin', 'resource_admin'],
      ]) {
        const res = await setRoles(id, roles);
        expect(res.status, roles.join('+')).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'ORG_ROLE_CONFLICT', field: '/body/roles' });
      }
      expect((await setRoles(id, ['resource_admin', 'dept_user'])).body.roles).toEqual([
        'dept_user',
        'resource_admin',
      ]);
    });

    it('R96 the operator cannot grant roles, nor create an account with roles, but creates one without', async () => {
      const id = await createUser(w.platform, 'sep_plain', departmentId, ['dept_user']);
      const grant = await w.sysadmin.request('PUT', `/api/v1/users/${id}/roles`, {
        roles: ['resource_admin'],
      });
      expect(grant.status).toBe(403);
      expect(grant.body.error.code).toBe('FORBIDDEN');
      const body = { username: 'sep_new', displayName: '新同事', departmentId };
      const withRoles = await w.sysadmin.request('POST', '/api/v1/users', { ...body, roles: ['dept_user'] });
      expect(withRoles.status).toBe(403);
      expect(await w.platform.services.users.findIdByUsername('sep_new')).toBeUndefined();
      const without = await w.sysadmin.request('POST', '/api/v1/users', body);
      expect(without.status).toBe(201);
      expect(without.body.user.roles).toEqual([]);
      expect(without.body.initialPassword).toEqual(expect.any(String));
    });

    it('R96 the auditor reads accounts but changes none', async () => {
      const id = await createUser(w.platform, 'sep_audited', departmentId, ['dept_user']);
      const list = await w.auditadmin.request('GET', '/api/v1/users');
      expect(list.status).toBe(200);
      expect(list.body.total).toBeGreaterThan(3);
      expect((await w.auditadmin.request('GET', `/api/v1/users/${id}`)).body.username).toBe('sep_audited');
      const create = await w.auditadmin.request('POST', '/api/v1/users', {
        username: 'by_auditor',
        displayName: 'x',
        departmentId,
      });
      expect(create.status).toBe(403);
      const disable = await w.auditadmin.request('PATCH', `/api/v1/users/${id}`, { status: 'disabled' });
      expect(disable.status).toBe(403);
      expect((await w.auditadmin.request('PUT', `/api/v1/users/${id}/roles`, { roles: [] })).status).toBe(
        403,
      );
    });

    it('R96 nobody disables or resets their own account', async () => {
      const disable = await w.sysadmin.request('PATCH', `/api/v1/users/${await meId(w.sysadmin)}`, {
        status: 'disabled',
      });
      expect(disable.body.error.code).toBe('ORG_SELF_ACTION');
      const reset = await w.secadmin.request(
        'POST',
        `/api/v1/users/${await meId(w.secadmin)}/reset-password`,
      );
      expect(reset.body.error.code).toBe('ORG_SELF_ACTION');
    });

    it('R91 a change of roles ends the holder’s sessions; the new rights apply from the next sign-in', async () => {
      const id = await createUser(w.platform, 'sep_session', departmentId, ['dept_user']);
      const holder = await signedIn(w.platform, 'sep_session');
      expect((await holder.request('GET', '/api/v1/departments')).status).toBe(200);
      expect((await setRoles(id, ['dept_user', 'resource_admin'])).status).toBe(200);
      const after = await holder.request('GET', '/api/v1/departments');
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('AUTH_SESSION_EXPIRED');
      const again = await signedIn(w.platform, 'sep_session');
      expect((await again.request('GET', '/api/v1/auth/me')).body.me.roles).toEqual([
        'dept_user',
        'resource_admin',
      ]);
    });
  });

  describe('departments', () => {
    it('R127 the department detail lists its resource administrators, following role changes', async () => {
      const other = await createDepartment(w.platform, '示范市自然资源局', USCCS[4], w.city.id);
      const first = await createUser(w.platform, 'r127_first', other, ['resource_admin']);
      const second = await createUser(w.platform, 'r127_second', other, ['dept_user']);
      const admins = async () =>
        (await w.auditadmin.request('GET', `/api/v1/departments/${other}`)).body.resourceAdmins.map(
          (a: { username: string }) => a.username,
        );
      expect(await admins()).toEqual(['r127_first']);
      expect((await setRoles(second, ['resource_admin'])).status).toBe(200);
      expect(await admins()).toEqual(['r127_first', 'r127_second']);
      expect((await setRoles(first, ['dept_user'])).status).toBe(200);
      expect(await admins()).toEqual(['r127_second']);
      expect(
        (await w.sysadmin.request('PATCH', `/api/v1/users/${second}`, { status: 'disabled' })).status,
      ).toBe(200);
      expect(await admins()).toEqual([]);
    });

    it('a duplicate department name or USCC is refused with ORG_DEPARTMENT_EXISTS and the field', async () => {
      const body = {
        name: '示范市卫生健康委员会',
        shortName: '卫健委',
        uscc: USCCS[5],
        jurisdictionId: w.city.id,
        kind: 'government',
      };
      const sameName = await w.sysadmin.request('POST', '/api/v1/departments', body);
      expect(sameName.status).toBe(409);
      expect(sameName.body.error).toMatchObject({ code: 'ORG_DEPARTMENT_EXISTS', field: '/body/name' });
      const sameUscc = await w.sysadmin.request('POST', '/api/v1/departments', {
        ...body,
        name: '示范市另一局',
        uscc: USCCS[2],
      });
      expect(sameUscc.status).toBe(409);
      expect(sameUscc.body.error).toMatchObject({ code: 'ORG_DEPARTMENT_EXISTS', field: '/body/uscc' });
      const renamed = await w.sysadmin.request('PATCH', `/api/v1/departments/${w.cityDepartmentId}`, {
        name: body.name,
      });
      expect(renamed.status).toBe(409);
      expect(renamed.body.error).toMatchObject({ code: 'ORG_DEPARTMENT_EXISTS', field: '/body/name' });
      expect(
        (await w.sysadmin.request('POST', '/api/v1/departments', { ...body, name: '示范市另一局' })).status,
      ).toBe(201);
    });
  });

  describe('jurisdictions follow the division code rules (GB/T 2260)', () => {
    const create = (code: string, level: string, parentId: string | null) =>
      w.sysadmin.request('POST', '/api/v1/jurisdictions', { code, name: `区划${code}`, level, parentId });

    it('accepts a county 990102 under the city 990100, then refuses the same code again', async () => {
      const res = await create('990102', 'county', w.city.id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        code: '990102',
        level: 'county',
        parentId: w.city.id,
        path: `${w.city.path}990102/`,
      });
      expect((await create('990102', 'county', w.city.id)).body.error.code).toBe('ORG_JURISDICTION_EXISTS');
    });

    it('refuses a county whose code does not start with its city’s (990202 under 990100)', async () => {
      const res = await create('990202', 'county', w.city.id);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'ORG_JURISDICTION_CODE_INVALID', field: '/body/code' });
    });

    it('refuses codes that do not fit their level', async () => {
      for (const [code, level] of [
        ['990100', 'county'],
        ['990103', 'city'],
        ['990000', 'city'],
      ] as const) {
        const res = await create(code, level, level === 'county' ? w.city.id : null);
        expect(res.body.error?.code, `${code} ${level}`).toBe('ORG_JURISDICTION_CODE_INVALID');
      }
    });

    it('refuses a province under a city', async () => {
      const res = await create('980000', 'province', w.city.id);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'ORG_JURISDICTION_LEVEL_INVALID', field: '/body/level' });
    });
  });
});
