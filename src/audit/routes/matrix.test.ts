import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownActions, policyOf } from '../../org/authz/index.js';
import { ROLES, type Role } from '../../org/roles.js';
import { covers, hardCodedCells, type MatrixOperation, type Reply } from '../../org/test-support/matrix.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { type AuditWorld, PERSON, type Position, startAuditWorld } from '../test-support/query-fixtures.js';

type Operation = MatrixOperation<Position>;

const isViewAction = (a: string) => /^(audit|metrics)\./.test(a);

describe.each(DIALECTS)('R91 R117 role × action matrix of the auditor views on %s', (dialect) => {
  let a: AuditWorld;
  const call = (role: Role, method: string, url: string, body?: unknown) =>
    (a.actors.get(role) as NonNullable<ReturnType<AuditWorld['actors']['get']>>).request(method, url, body);

  const OPERATIONS: Operation[] = [
    {
      action: 'audit.read',
      label: 'GET /audit/entries',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'GET', '/api/v1/audit/entries?category=access'),
    },
    {
      action: 'audit.read',
      label: 'POST /audit/entries/search',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'POST', '/api/v1/audit/entries/search', { idNumber: PERSON.zhang }),
    },
    {
      action: 'audit.read',
      label: 'GET /audit/export',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'GET', '/api/v1/audit/export?format=csv&category=access'),
    },
    {
      action: 'audit.departmentReport',
      label: 'GET /audit/reports/department/:id',
      positions: ['own', 'sibling', 'outside'],
      ok: 200,
      run: (r, p) => call(r, 'GET', `/api/v1/audit/reports/department/${a.dept[p as Position]}`),
    },
    {
      action: 'audit.personReport',
      label: 'POST /audit/reports/person',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'POST', '/api/v1/audit/reports/person', { idNumber: PERSON.li }),
    },
    {
      action: 'audit.chainStatus',
      label: 'GET /audit/status',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'GET', '/api/v1/audit/status'),
    },
    {
      action: 'audit.verify',
      label: 'POST /audit/verify',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'POST', '/api/v1/audit/verify'),
    },
    {
      action: 'audit.exchangeStatus',
      label: 'GET /audit/exchange-status',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'GET', '/api/v1/audit/exchange-status'),
    },
    {
      action: 'metrics.read',
      label: 'GET /metrics',
      positions: ['none'],
      ok: 200,
      run: (r) => call(r, 'GET', '/api/metrics'),
    },
  ];

  beforeAll(async () => {
    a = await startAuditWorld(dialect);
  }, 120_000);
  afterAll(() => a?.close());

  it('covers every auditor-view action and every role', () => {
    const exercised = new Set(OPERATIONS.map((op) => op.action));
    expect(knownActions().filter(isViewAction).sort()).toEqual([...exercised].sort());
  });

  for (const role of ROLES) {
    for (const op of OPERATIONS) {
      for (const pos of op.positions) {
        const reach = policyOf(op.action)[role];
        const expected = (pos === 'none' ? reach !== undefined : covers(reach, pos)) ? op.ok : 403;
        it(`${role}: ${op.label}${pos === 'none' ? '' : ` on ${pos}`} → ${expected}`, async () => {
          const res = await op.run(role, pos);
          expect(res.status, JSON.stringify(res.body)).toBe(expected);
          if (expected === 403) expect(res.body.error.code).toBe('FORBIDDEN');
        });
      }
    }
  }

  describe('critical cells (hard-coded)', () => {
    const cells: [Role, string, Position | 'none', number][] = [
      ['dept_user', 'GET /audit/entries', 'none', 403],
      ['resource_admin', 'GET /audit/entries', 'none', 403],
      ['operator', 'GET /audit/entries', 'none', 403],
      ['security_admin', 'GET /audit/export', 'none', 403],
      ['resource_admin', 'GET /audit/reports/department/:id', 'own', 200],
      ['resource_admin', 'GET /audit/reports/department/:id', 'sibling', 403],
      ['authority', 'GET /audit/reports/department/:id', 'outside', 403],
      ['authority', 'POST /audit/verify', 'none', 403],
      ['operator', 'GET /audit/exchange-status', 'none', 200],
      ['dept_user', 'GET /metrics', 'none', 403],
    ];
    hardCodedCells(OPERATIONS, cells);

    it('the authority sees the trace of its jurisdiction only', async () => {
      const county = await call('authority', 'GET', '/api/v1/audit/entries?category=access');
      const auditor = await call('auditor', 'GET', '/api/v1/audit/entries?category=access');
      const departments = (res: Reply) =>
        new Set((res.body.items as { department: { id: string } }[]).map((e) => e.department.id));
      expect([...departments(county)].sort()).toEqual([a.dept.own, a.dept.sibling].sort());
      expect(departments(auditor).has(a.dept.outside)).toBe(true);
      const exchange = await call('authority', 'GET', '/api/v1/audit/exchange-status');
      expect(
        (exchange.body.departments as { department: { id: string } }[]).map((d) => d.department.id).sort(),
      ).toEqual([a.dept.own, a.dept.sibling].sort());
    });
  });
});
