import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import '../policies.js';
import { ROLES, type Role } from '../roles.js';
import {
  createDepartment,
  createUser,
  type OrgClient,
  type OrgWorld,
  signedIn,
  startOrgWorld,
  USCCS,
} from '../test-support/index.js';
import {
  covers,
  hardCodedCells,
  type MatrixOperation,
  operationNamed,
  type Reply,
} from '../test-support/matrix.js';
import { knownActions, policyOf } from './index.js';

/**
 * Where a target sits relative to the actor, whose account is in department D1 of the county:
 * the actor itself, another account of D1, a sibling department in the same county, or a
 * department of another city.
 */
type Position = 'self' | 'own' | 'sibling' | 'outside';

interface Operation extends MatrixOperation<Position> {
  /** The call answers 404 rather than 403 when the actor may not even read the target user. */
  hidesUnreadableUser?: boolean;
  /** A list: always 200, and whether the item at a position shows follows the reach. */
  listed?: (actor: Role, pos: Position | 'none') => string;
}

function expectedStatus(op: Operation, role: Role, pos: Position | 'none'): number {
  // A user the actor may not read does not exist for it, whatever else it may do.
  if (op.hidesUnreadableUser && !covers(policyOf('user.read')[role], pos)) return 404;
  return covers(policyOf(op.action)[role], pos) ? op.ok : 403;
}

const isOrgAction = (a: string) => /^(jurisdiction|department|user|apiClient)\./.test(a);

describe.each(DIALECTS)('R91 role × action matrix of the org module on %s', (dialect) => {
  let w: OrgWorld;
  const actors = new Map<Role, OrgClient>();
  const actorIds = new Map<Role, string>();
  const dept = {} as Record<Exclude<Position, 'self'>, string>;
  const targetUser = {} as Record<Exclude<Position, 'self'>, string>;
  const rotating = {} as Record<string, string>;
  const revoking = {} as Record<string, string>;
  const jurisdictionAt = {} as Record<string, string>;

  const call = (role: Role, method: string, url: string, body?: unknown) =>
    (actors.get(role) as OrgClient).request(method, url, body);
  const userAt = (role: Role, pos: Position | 'none') =>
    pos === 'self' ? (actorIds.get(role) as string) : targetUser[pos as 'own'];
  const deptAt = (pos: Position | 'none') => dept[pos as 'own'];
  const sees = (res: Reply, id: string) => (res.body.items as { id: string }[]).some((x) => x.id === id);

  const OPERATIONS: Operation[] = [
    {
      action: 'jurisdiction.read',
      label: 'GET /jurisdictions',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'GET', '/api/v1/jurisdictions'),
    },
    {
      action: 'jurisdiction.manage',
      label: 'POST /jurisdictions',
      positions: ['none'],
      ok: 201,
      run: (r) =>
        call(r, 'POST', '/api/v1/jurisdictions', {
          code: `9901${11 + ROLES.indexOf(r)}`,
          name: `新区${r}`,
          level: 'county',
          parentId: w.city.id,
        }),
    },
    {
      action: 'jurisdiction.manage',
      label: 'PATCH /jurisdictions/:id',
      positions: ['own', 'outside'],
      ok: 200,
      run: (r, p) => call(r, 'PATCH', `/api/v1/jurisdictions/${jurisdictionAt[p]}`, { name: `改名${p}` }),
    },
    {
      action: 'department.read',
      label: 'GET /departments',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'GET', '/api/v1/departments'),
    },
    {
      action: 'department.read',
      label: 'GET /departments/:id',
      positions: ['own', 'outside'],
      ok: 200,
      run: (r, p) => call(r, 'GET', `/api/v1/departments/${deptAt(p)}`),
    },
    {
      action: 'department.manage',
      label: 'POST /departments',
      positions: ['none'],
      ok: 201,
      run: (r) =>
        call(r, 'POST', '/api/v1/departments', {
          name: `新设局${r}`,
          shortName: '新设局',
          uscc: USCCS[ROLES.indexOf(r)],
          jurisdictionId: w.city.id,
          kind: 'government',
        }),
    },
    {
      action: 'department.manage',
      label: 'PATCH /departments/:id',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      run: (r, p) => call(r, 'PATCH', `/api/v1/departments/${deptAt(p)}`, { shortName: `简称${r}` }),
    },
    {
      action: 'department.office.manage',
      label: 'PUT /departments/:id/office',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      run: (r, p) =>
        call(r, 'PUT', `/api/v1/departments/${deptAt(p)}/office`, {
          officeName: `共享办${r}`,
          officePhone: '0371-12345678',
          officeEmail: 'share@example.gov.cn',
          headUserId: targetUser[p as 'own'],
          headTitle: '主任',
          officerUserId: targetUser[p as 'own'],
        }),
    },
    {
      action: 'department.office.manage',
      label: 'POST /departments/:id/office/confirm',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      run: (r, p) => call(r, 'POST', `/api/v1/departments/${deptAt(p)}/office/confirm`),
    },
    {
      action: 'user.read',
      label: 'GET /users/:id',
      positions: ['self', 'own', 'sibling', 'outside'],
      ok: 200,
      hidesUnreadableUser: true,
      run: (r, p) => call(r, 'GET', `/api/v1/users/${userAt(r, p)}`),
    },
    {
      action: 'user.read',
      label: 'GET /users (filtered)',
      positions: ['self', 'own', 'sibling', 'outside'],
      ok: 200,
      listed: (r, p) => userAt(r, p),
      run: (r) => call(r, 'GET', '/api/v1/users?limit=500'),
    },
    {
      action: 'user.manage',
      label: 'POST /users',
      positions: ['own', 'sibling', 'outside'],
      ok: 201,
      run: (r, p) =>
        call(r, 'POST', '/api/v1/users', {
          username: `n_${r}_${p}`,
          displayName: '新用户',
          departmentId: deptAt(p),
        }),
    },
    {
      action: 'user.manage',
      label: 'PATCH /users/:id',
      positions: ['self', 'own', 'sibling', 'outside'],
      ok: 200,
      hidesUnreadableUser: true,
      run: (r, p) => call(r, 'PATCH', `/api/v1/users/${userAt(r, p)}`, { displayName: `改${r}` }),
    },
    {
      action: 'user.grantRole',
      label: 'PUT /users/:id/roles',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      hidesUnreadableUser: true,
      run: (r, p) => call(r, 'PUT', `/api/v1/users/${userAt(r, p)}/roles`, { roles: ['dept_user'] }),
    },
    {
      action: 'user.unlock',
      label: 'POST /users/:id/unlock',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      hidesUnreadableUser: true,
      run: (r, p) => call(r, 'POST', `/api/v1/users/${userAt(r, p)}/unlock`),
    },
    {
      action: 'user.resetPassword',
      label: 'POST /users/:id/reset-password',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      hidesUnreadableUser: true,
      run: (r, p) => call(r, 'POST', `/api/v1/users/${userAt(r, p)}/reset-password`),
    },
    {
      action: 'user.resetTotp',
      label: 'POST /users/:id/reset-totp',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      hidesUnreadableUser: true,
      run: (r, p) => call(r, 'POST', `/api/v1/users/${userAt(r, p)}/reset-totp`),
    },
    {
      action: 'apiClient.read',
      label: 'GET /api-clients (filtered)',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      listed: (_r, p) => rotating[p] as string,
      run: (r) => call(r, 'GET', '/api/v1/api-clients'),
    },
    {
      action: 'apiClient.manage',
      label: 'POST /api-clients',
      positions: ['own', 'sibling', 'outside'],
      ok: 201,
      run: (r, p) => call(r, 'POST', '/api/v1/api-clients', { name: `系统${r}`, departmentId: deptAt(p) }),
    },
    {
      action: 'apiClient.manage',
      label: 'POST /api-clients/:id/rotate',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      run: (r, p) => call(r, 'POST', `/api/v1/api-clients/${rotating[p]}/rotate`),
    },
    {
      action: 'apiClient.revoke',
      label: 'POST /api-clients/:id/revoke',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      run: (r, p) => call(r, 'POST', `/api/v1/api-clients/${revoking[p]}/revoke`),
    },
  ];

  const find = (label: string) => operationNamed(OPERATIONS, label);

  beforeAll(async () => {
    w = await startOrgWorld(dialect);
    const { platform } = w;
    dept.own = await createDepartment(platform, '示范区数据局', USCCS[7], w.county.id);
    dept.sibling = await createDepartment(platform, '示范区民政局', USCCS[8], w.county.id);
    dept.outside = await createDepartment(platform, '邻市民政局', USCCS[9], w.otherCity.id);
    jurisdictionAt.own = w.county.id;
    jurisdictionAt.outside = w.otherCity.id;
    for (const pos of ['own', 'sibling', 'outside'] as const) {
      targetUser[pos] = await createUser(platform, `t_${pos}`, dept[pos], ['dept_user']);
      // A department's clients are issued by its own resource administrator, not the operator.
      await createUser(platform, `ra_${pos}`, dept[pos], ['resource_admin']);
      const issuer = await signedIn(platform, `ra_${pos}`);
      for (const into of [rotating, revoking]) {
        const res = await issuer.request('POST', '/api/v1/api-clients', {
          name: `对接${pos}`,
          departmentId: dept[pos],
        });
        into[pos] = res.body.client.id;
      }
    }
    for (const role of ROLES) {
      actorIds.set(role, await createUser(platform, `a_${role}`, dept.own, [role]));
      actors.set(role, await signedIn(platform, `a_${role}`));
    }
    for (const pos of ['own', 'sibling', 'outside'] as const) {
      // Recorded beforehand, so that confirming answers by role and reach alone.
      const seeded = await find('PUT /departments/:id/office').run('operator', pos);
      expect(seeded.status).toBe(200);
    }
  });
  afterAll(() => w.t.close());

  it('covers every org action and every role', () => {
    const exercised = new Set(OPERATIONS.map((op) => op.action));
    expect(knownActions().filter(isOrgAction).sort()).toEqual([...exercised].sort());
    expect(ROLES.length).toBe(6);
  });

  for (const role of ROLES) {
    for (const op of OPERATIONS) {
      for (const pos of op.positions) {
        const { listed } = op;
        if (listed) {
          const visible = covers(policyOf(op.action)[role], pos);
          it(`${role}: ${op.label} ${visible ? 'shows' : 'hides'} ${pos}`, async () => {
            const res = await op.run(role, pos);
            expect(res.status).toBe(200);
            expect(sees(res, listed(role, pos))).toBe(visible);
          });
          continue;
        }
        const expected = expectedStatus(op, role, pos);
        it(`${role}: ${op.label} on ${pos} → ${expected}`, async () => {
          const res = await op.run(role, pos);
          expect(res.status, JSON.stringify(res.body)).toBe(expected);
          if (expected === 403) expect(res.body.error.code).toBe('FORBIDDEN');
          if (expected === 404) expect(res.body.error.code).toBe('ORG_USER_NOT_FOUND');
        });
      }
    }
  }

  /** Cells written out by hand, so that a wrong policy table cannot make the matrix pass. */
  describe('critical cells (hard-coded)', () => {
    const cells: [Role, string, Position | 'none', number][] = [
      ['dept_user', 'POST /users', 'own', 403],
      ['resource_admin', 'POST /users', 'own', 403],
      // N01: a department's sharing office is its own administrators' or the operator's to keep.
      ['resource_admin', 'PUT /departments/:id/office', 'own', 200],
      ['resource_admin', 'PUT /departments/:id/office', 'sibling', 403],
      ['operator', 'PUT /departments/:id/office', 'outside', 200],
      ['security_admin', 'PUT /departments/:id/office', 'own', 403],
      ['auditor', 'PUT /departments/:id/office', 'own', 403],
      ['authority', 'POST /departments/:id/office/confirm', 'own', 403],
      ['operator', 'PUT /users/:id/roles', 'own', 403],
      ['operator', 'POST /users/:id/unlock', 'own', 403],
      ['security_admin', 'POST /departments', 'none', 403],
      ['security_admin', 'POST /users', 'own', 403],
      ['security_admin', 'PUT /users/:id/roles', 'outside', 200],
      ['authority', 'PATCH /users/:id', 'sibling', 403],
      ['resource_admin', 'GET /users/:id', 'sibling', 404],
      ['dept_user', 'GET /users/:id', 'own', 404],
      ['dept_user', 'GET /users/:id', 'self', 200],
      ['resource_admin', 'POST /api-clients', 'sibling', 403],
      ['resource_admin', 'POST /api-clients', 'own', 201],
      ['dept_user', 'POST /api-clients/:id/revoke', 'own', 403],
      // Issue 12: platform staff never mint or rotate a department's client (its secret reads the
      // department's granted data); the operator and the security administrator may revoke one.
      ['operator', 'POST /api-clients', 'own', 403],
      ['operator', 'POST /api-clients', 'outside', 403],
      ['operator', 'POST /api-clients/:id/rotate', 'outside', 403],
      ['security_admin', 'POST /api-clients', 'outside', 403],
      ['security_admin', 'POST /api-clients/:id/rotate', 'outside', 403],
      ['operator', 'POST /api-clients/:id/revoke', 'outside', 200],
    ];
    hardCodedCells(OPERATIONS, cells);

    it('the auditor changes nothing anywhere', async () => {
      for (const op of OPERATIONS.filter((o) => !o.listed && !o.label.startsWith('GET'))) {
        for (const pos of op.positions) {
          const res = await op.run('auditor', pos);
          expect([403, 404], `${op.label} on ${pos}`).toContain(res.status);
        }
      }
    });
  });

  describe('lists are filtered in the query', () => {
    const countIn = async (departmentIds: string[]) =>
      Number(
        (
          await w.platform.storage.db
            .selectFrom('app_user')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('department_id', 'in', departmentIds)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('a resource administrator sees only its department, and total counts only those', async () => {
      const res = await call('resource_admin', 'GET', '/api/v1/users?limit=2');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.total).toBe(await countIn([dept.own]));
      expect(res.body.total).toBeLessThan(
        await countIn([dept.own, dept.sibling, dept.outside, w.cityDepartmentId]),
      );
      const all = await call('resource_admin', 'GET', '/api/v1/users?limit=500');
      expect(all.body.items.every((u: { departmentId: string }) => u.departmentId === dept.own)).toBe(true);
      const elsewhere = await call('resource_admin', 'GET', `/api/v1/users?departmentId=${dept.sibling}`);
      expect(elsewhere.body).toMatchObject({ items: [], total: 0 });
    });

    it('an authority sees its jurisdiction subtree: the city authority sees the county, not the other city', async () => {
      await createUser(w.platform, 'city_authority', w.cityDepartmentId, ['authority']);
      const cityAuthority = await signedIn(w.platform, 'city_authority');
      const res = await cityAuthority.request('GET', '/api/v1/users?limit=500');
      const departments = new Set((res.body.items as { departmentId: string }[]).map((u) => u.departmentId));
      expect([...departments].sort()).toEqual([w.cityDepartmentId, dept.own, dept.sibling].sort());
      expect(res.body.total).toBe(await countIn([w.cityDepartmentId, dept.own, dept.sibling]));
      const county = await call('authority', 'GET', '/api/v1/users?limit=500');
      expect(county.body.total).toBe(await countIn([dept.own, dept.sibling]));
    });

    it('a department user sees only itself', async () => {
      const res = await call('dept_user', 'GET', '/api/v1/users');
      expect(res.body.total).toBe(1);
      expect(res.body.items.map((u: { id: string }) => u.id)).toEqual([actorIds.get('dept_user')]);
    });
  });
});
