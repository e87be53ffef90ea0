import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../org/roles.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import { tablesOf } from '../platform/db/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { AuditTables } from './index.js';
import { TraceQuery } from './query.js';
import { orgDirectory } from './query-scope.js';
import { AccessReports } from './report.js';
import { type AuditWorld, BAD_ID_NUMBER, PERSON, startAuditWorld } from './test-support/query-fixtures.js';

describe.each(DIALECTS)('R85 R86 R88 searching the trace and access reports on %s', (dialect) => {
  let a: AuditWorld;
  let trace: TraceQuery;
  let reports: AccessReports;
  const ctx = (role: Role, where: 'own' | 'sibling' | 'city' = 'own'): RequestContext => {
    const actor: Actor = {
      kind: 'user',
      id: `test-${role}-${where}`,
      name: `test-${role}`,
      departmentId: where === 'city' ? a.w.cityDepartmentId : a.dept[where],
      jurisdictionPath: where === 'city' ? a.w.city.path : a.w.county.path,
      roles: [role],
    };
    return { actor, requestId: `test-${role}`, clientIp: '127.0.0.1' };
  };
  const requestIds = (items: { requestId: string | null }[]) => items.map((e) => e.requestId).sort();
  const accesses = (role: Role, filter: Parameters<TraceQuery['search']>[1], where?: 'own' | 'city') =>
    trace.search(ctx(role, where), { category: 'access', ...filter }, { limit: 100 });

  beforeAll(async () => {
    a = await startAuditWorld(dialect);
    const { services, storage } = a.platform;
    const deps = {
      db: tablesOf<AuditTables>(storage.db),
      audit: services.audit,
      directory: orgDirectory(services),
      clock: a.clock,
    };
    trace = new TraceQuery(deps);
    // The catalog's answer to "which resources does this department provide", as a fixed table.
    const provided = new Map(Object.entries(a.resources).map(([pos, id]) => [a.dept[pos as 'own'], [id]]));
    reports = new AccessReports({
      ...deps,
      resources: { providedBy: async (_ctx, id) => provided.get(id) ?? [] },
    });
  }, 120_000);
  afterAll(() => a?.close());

  it('R85 finds every access to a person by ID number, through digests only', async () => {
    const page = await accesses('auditor', { idNumber: PERSON.zhang });
    expect(requestIds(page.items)).toEqual(['req-outside-1', 'req-own-1']);
    const lower = await accesses('auditor', { idNumber: PERSON.zhang.toLowerCase() });
    expect(requestIds(lower.items)).toEqual(['req-outside-1', 'req-own-1']);
    expect(requestIds((await accesses('auditor', { idNumber: PERSON.li })).items)).toEqual([
      'req-outside-1',
      'req-own-2',
    ]);
    expect((await accesses('auditor', { idNumber: PERSON.nobody })).items).toEqual([]);
    const stored = await a.platform.storage.db.selectFrom('audit_entry').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(PERSON.zhang);
    expect(JSON.stringify(stored)).not.toContain(PERSON.zhang.slice(0, 17));
  });

  it('narrows by department, resource, actor, purpose, case, method, outcome and request', async () => {
    const cases: [Parameters<TraceQuery['search']>[1], string[]][] = [
      [{ departmentId: a.dept.own }, ['req-own-1', 'req-own-2']],
      [{ resourceId: a.resources.sibling }, ['req-outside-1', 'req-own-1']],
      [{ actorId: 'client-outside' }, ['req-outside-1']],
      [{ purpose: '生活保障' }, ['req-own-1', 'req-own-2']],
      [{ purpose: '%' }, []],
      [{ caseNumber: 'SB-88' }, ['req-outside-1']],
      [{ method: 'download' }, ['req-sibling-1', 'req-sibling-2']],
      [{ outcome: 'denied' }, ['req-sibling-2']],
      [{ requestId: 'req-own-2' }, ['req-own-2']],
      [{ departmentId: a.dept.own, idNumber: PERSON.li }, ['req-own-2']],
    ];
    for (const [filter, expected] of cases) {
      expect(requestIds((await accesses('auditor', filter)).items), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('narrows by time: from inclusive, to exclusive', async () => {
    const now = a.clock.now().getTime();
    const threeHoursAgo = new Date(now - 3 * 3_600_000).toISOString();
    expect(requestIds((await accesses('auditor', { from: threeHoursAgo })).items)).toEqual(['req-own-2']);
    expect(requestIds((await accesses('auditor', { to: threeHoursAgo })).items)).toEqual([
      'req-outside-1',
      'req-own-1',
      'req-sibling-1',
      'req-sibling-2',
    ]);
    await expect(
      accesses('auditor', { from: threeHoursAgo, to: new Date(now - 4 * 3_600_000).toISOString() }),
    ).rejects.toMatchObject({ code: 'AUDIT_TIME_RANGE_INVALID' });
  });

  it('pages newest first on seq, without overlap, until the last page', async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await trace.search(ctx('auditor'), { category: 'access' }, { before, limit: 2 });
      seen.push(...page.items.map((e) => e.seq));
      if (page.nextCursor === null) break;
      expect(page.items).toHaveLength(2);
      before = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);
    expect(new Set(seen).size).toBe(5);
  });

  it('R91 an authority sees its jurisdiction only; a department user may not search', async () => {
    const county = await accesses('authority', {});
    expect(requestIds(county.items)).toEqual(['req-own-1', 'req-own-2', 'req-sibling-1', 'req-sibling-2']);
    const city = await accesses('authority', {}, 'city');
    expect(requestIds(city.items)).toEqual(requestIds(county.items));
    expect((await accesses('authority', { actorId: 'client-outside' })).items).toEqual([]);
    const outsideSeq = (await accesses('auditor', { actorId: 'client-outside' })).items[0]?.seq as number;
    await expect(trace.entry(ctx('authority'), outsideSeq)).rejects.toMatchObject({
      code: 'AUDIT_TRACE_ENTRY_NOT_FOUND',
    });
    expect((await trace.entry(ctx('auditor'), outsideSeq)).requestId).toBe('req-outside-1');
    for (const role of ['dept_user', 'resource_admin', 'operator', 'security_admin'] as const) {
      await expect(accesses(role, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('writes an audit.search entry for each search, with the digest instead of the ID number', async () => {
    const reader = ctx('auditor');
    await trace.search(reader, { idNumber: PERSON.li }, { limit: 5 });
    const own = await trace.search(
      reader,
      { action: 'audit.search', actorId: reader.actor.id },
      { limit: 1 },
    );
    const entry = own.items[0];
    expect(entry?.action).toBe('audit.search');
    expect(entry?.detail.filter).toEqual({
      subjectDigest: a.platform.services.audit.subjectDigest('resident_id', PERSON.li),
    });
    expect(JSON.stringify(entry)).not.toContain(PERSON.li);
  });

  it('refuses an ID number whose check character is wrong', async () => {
    await expect(accesses('auditor', { idNumber: BAD_ID_NUMBER })).rejects.toMatchObject({
      code: 'IDENTIFIER_INVALID',
    });
  });

  it('R88 reports who read a department’s resources and what it read itself', async () => {
    const report = await reports.departmentAccessReport(ctx('resource_admin'), a.dept.own, {});
    expect(report.department.name).toBe('示范县民政局');
    expect(report.provided).toMatchObject({
      accesses: 2,
      failures: 1,
      records: 120,
      resourceIds: [a.resources.own],
    });
    expect(report.provided.byConsumer).toEqual([{ key: a.dept.sibling, name: '示范县公安局', count: 2 }]);
    expect(report.provided.byReader).toEqual([
      { kind: 'client', id: 'client-sibling', name: '户政系统', departmentId: a.dept.sibling, count: 2 },
    ]);
    expect(report.consumed).toMatchObject({ accesses: 2, failures: 0 });
    expect(report.consumed.byResource.map((c) => c.key).sort()).toEqual(
      [a.resources.outside, a.resources.sibling].sort(),
    );
    expect(report.consumed.byPurpose).toEqual([{ key: '最低生活保障审核', count: 2 }]);
    expect(report.consumed.byDay).toHaveLength(2);
    expect(report.consumed.byDay.reduce((n, d) => n + d.count, 0)).toBe(2);
    const week = await reports.departmentAccessReport(ctx('auditor'), a.dept.sibling, {
      from: new Date(a.clock.now().getTime() - 3 * 3_600_000).toISOString(),
    });
    expect(week.provided.accesses).toBe(0);
  });

  it('R91 a resource administrator gets only its own department’s report', async () => {
    await expect(
      reports.departmentAccessReport(ctx('resource_admin'), a.dept.sibling, {}),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(reports.departmentAccessReport(ctx('authority'), a.dept.outside, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(reports.departmentAccessReport(ctx('dept_user'), a.dept.own, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      (await reports.departmentAccessReport(ctx('authority'), a.dept.sibling, {})).provided.accesses,
    ).toBe(2);
  });

  it('R85 reports who read a person’s records, when, why, for which case', async () => {
    const report = await reports.personAccessReport(ctx('auditor'), PERSON.zhang, {});
    expect(report.accesses).toBe(2);
    expect(report.items.map((i) => [i.department?.name, i.purpose, i.caseNumber])).toEqual([
      ['邻市人社局', '社保待遇资格认证', 'SB-88'],
      ['示范县民政局', '最低生活保障审核', 'DB-2026-001'],
    ]);
    expect(report.byDepartment.map((d) => d.name).sort()).toEqual(['示范县民政局', '邻市人社局'].sort());
    const county = await reports.personAccessReport(ctx('authority'), PERSON.zhang, {});
    expect(county.items.map((i) => i.caseNumber)).toEqual(['DB-2026-001']);
    await expect(reports.personAccessReport(ctx('resource_admin'), PERSON.zhang, {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const audited = await trace.search(ctx('auditor'), { action: 'audit.report' }, { limit: 50 });
    const personReports = audited.items.filter((e) => e.target?.type === 'person');
    expect(personReports.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(personReports)).not.toContain(PERSON.zhang);
  });
});
