import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyOf, type Reach } from '../org/authz/index.js';
import { ROLES, type Role } from '../org/roles.js';
import {
  createDepartment,
  type OrgClient,
  type OrgWorld,
  signedInUser,
  startOrgWorld,
  USCCS,
} from '../org/test-support/index.js';
import type { Actor } from '../platform/context/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import './policies.js';
import { conditionalContent } from './test-support/content.js';
import { readyToSubmit } from './test-support/preparation.js';

/** Where the target's provider sits relative to the actor, whose department D1 is in the county. */
type Position = 'own' | 'sibling' | 'outside';
const POSITIONS: Position[] = ['own', 'sibling', 'outside'];
const API = '/api/v1/catalog';

function covers(reach: Reach | undefined, pos: Position): boolean {
  if (reach === 'all') return true;
  if (reach === 'jurisdiction') return pos !== 'outside';
  if (reach === 'department') return pos === 'own';
  return false;
}
const may = (action: string, role: Role, pos: Position) => covers(policyOf(action)[role], pos);

describe.each(DIALECTS)('R91 role × catalog action matrix on %s', (dialect) => {
  let w: OrgWorld;
  const clients = new Map<Role, OrgClient>();
  const dept = {} as Record<Position, string>;
  const path = {} as Record<Position, string>;
  let published: Map<string, string>;
  let drafts: Map<string, string>;
  let submitted: Map<string, string>;
  const call = (role: Role, method: string, url: string, body?: unknown) =>
    (clients.get(role) as OrgClient).request(method, url, body);

  const provider = (pos: Position): Actor => ({
    kind: 'user',
    id: `setup-${pos}`,
    name: `setup-${pos}`,
    departmentId: dept[pos],
    jurisdictionPath: path[pos],
    roles: ['resource_admin'],
  });
  const root: Actor = {
    kind: 'user',
    id: 'root',
    name: 'root',
    departmentId: '',
    jurisdictionPath: '/',
    roles: ['authority'],
  };
  /** One entry per role and position, in the state the operation needs. */
  const entries = async (state: 'draft' | 'submitted' | 'published') => {
    const catalog = w.platform.services.catalog;
    const out = new Map<string, string>();
    for (const role of ROLES)
      for (const pos of POSITIONS) {
        const { id } = await catalog.createDraft(provider(pos), {
          content: conditionalContent({ name: `${role}-${pos}` }),
        });
        if (state !== 'draft') {
          await readyToSubmit(w.platform, id);
          await catalog.submit(provider(pos), id);
        }
        if (state === 'published') {
          await catalog.ratify(root, id);
          await catalog.publish(provider(pos), id);
        }
        out.set(`${role}:${pos}`, id);
      }
    return out;
  };

  beforeAll(async () => {
    w = await startOrgWorld(dialect);
    dept.own = await createDepartment(w.platform, '县一局', USCCS[10], w.county.id);
    dept.sibling = await createDepartment(w.platform, '县二局', USCCS[11], w.county.id);
    dept.outside = await createDepartment(w.platform, '邻市局', USCCS[12], w.otherCity.id);
    path.own = w.county.path;
    path.sibling = w.county.path;
    path.outside = w.otherCity.path;
    for (const role of ROLES) {
      clients.set(role, await signedInUser(w.platform, `m_${role}`, dept.own, [role]));
    }
    published = await entries('published');
    drafts = await entries('draft');
    submitted = await entries('submitted');
  }, 300_000);
  afterAll(async () => w?.t.close());

  const check = (label: string, run: (role: Role, pos: Position) => Promise<{ got: number; want: number }>) =>
    it(label, async () => {
      const results: string[] = [];
      for (const role of ROLES)
        for (const pos of POSITIONS) {
          const { got, want } = await run(role, pos);
          if (got !== want) results.push(`${role}@${pos}: got ${got}, want ${want}`);
        }
      expect(results).toEqual([]);
    });

  check('catalog.read: GET /entries/:id of a published entry', async (role, pos) => ({
    got: (await call(role, 'GET', `${API}/entries/${published.get(`${role}:${pos}`)}`)).status,
    want: may('catalog.read', role, pos) ? 200 : 404,
  }));

  check(
    'catalog.readUnpublished: GET /entries/:id of a draft, and whether the list shows it',
    async (role, pos) => {
      const id = drafts.get(`${role}:${pos}`) as string;
      const one = (await call(role, 'GET', `${API}/entries/${id}`)).status;
      const list = await call(role, 'GET', `${API}/entries?pageSize=200&status=draft`);
      const listed = (list.body.items as { id: string }[]).some((e) => e.id === id);
      const visible = may('catalog.readUnpublished', role, pos);
      return { got: listed === visible ? one : -1, want: visible ? 200 : 404 };
    },
  );

  check('catalog.manage: POST /entries for the position’s department', async (role, pos) => ({
    got: (
      await call(role, 'POST', `${API}/entries`, {
        providerDepartmentId: dept[pos],
        content: conditionalContent(),
      })
    ).status,
    want: may('catalog.manage', role, pos) ? 201 : 403,
  }));

  check('catalog.manage: PUT /entries/:id of a draft', async (role, pos) => ({
    got: (
      await call(role, 'PUT', `${API}/entries/${drafts.get(`${role}:${pos}`)}`, {
        content: conditionalContent({ summary: `改${role}` }),
      })
    ).status,
    want: !may('catalog.readUnpublished', role, pos) ? 404 : may('catalog.manage', role, pos) ? 200 : 403,
  }));

  check('catalog.ratify: POST /entries/:id/return of a submission', async (role, pos) => ({
    got: (
      await call(role, 'POST', `${API}/entries/${submitted.get(`${role}:${pos}`)}/return`, {
        comment: '退回',
      })
    ).status,
    want: !may('catalog.readUnpublished', role, pos) ? 404 : may('catalog.ratify', role, pos) ? 200 : 403,
  }));

  check(
    'catalog.obligation.manage: POST /obligations, and catalog.obligation.read: GET /obligations',
    async (role, pos) => {
      const created = await call(role, 'POST', `${API}/obligations`, {
        departmentId: dept[pos],
        cause: 'law_change',
        description: `${role}@${pos}`,
      });
      if (created.status !== (may('catalog.obligation.manage', role, pos) ? 201 : 403))
        return { got: created.status, want: -1 };
      // The reader's view: an obligation of the position's department recorded by the operator.
      const recorded = await call('operator', 'POST', `${API}/obligations`, {
        departmentId: dept[pos],
        cause: 'duty_change',
        description: `read ${role}@${pos}`,
      });
      const list = await call(role, 'GET', `${API}/obligations`);
      const hasAny = Object.keys(policyOf('catalog.obligation.read')).includes(role);
      if (!hasAny) return { got: list.status, want: 403 };
      const listed = (list.body as { id: string }[]).some((o) => o.id === recorded.body.id);
      return { got: listed ? 1 : 0, want: may('catalog.obligation.read', role, pos) ? 1 : 0 };
    },
  );

  it('catalog.edition.compile and catalog.edition.read: POST and GET /editions', async () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      const compiled = await call(role, 'POST', `${API}/editions`);
      if (compiled.status !== (may('catalog.edition.compile', role, 'own') ? 201 : 403))
        wrong.push(`${role} compile ${compiled.status}`);
      const read = await call(role, 'GET', `${API}/editions`);
      if (read.status !== (may('catalog.edition.read', role, 'own') ? 200 : 403))
        wrong.push(`${role} read ${read.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every catalog action is in the policy table with the reaches the contract fixes', () => {
    expect(policyOf('catalog.manage')).toEqual({ resource_admin: 'department' });
    expect(policyOf('catalog.ratify')).toEqual({ authority: 'jurisdiction' });
    expect(policyOf('catalog.readUnpublished')).toEqual({
      resource_admin: 'department',
      authority: 'jurisdiction',
    });
    expect(Object.keys(policyOf('catalog.export'))).toEqual(expect.arrayContaining([...ROLES]));
  });
});
