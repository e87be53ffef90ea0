import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { anomaliesOf } from '../report-exchange.js';
import { type AuditWorld, PERSON, startAuditWorld } from '../test-support/query-fixtures.js';

describe('R55 the exchange anomaly rule', () => {
  it.each([
    [10, 3, 10, ['failure_rate']],
    [10, 2, 10, []],
    [9, 9, 9, []],
    [20, 0, 20, ['volume_spike']],
    [20, 0, 80, []],
    [40, 0, 100, ['volume_spike']],
    [30, 10, 30, ['failure_rate', 'volume_spike']],
  ])('%i accesses in 24 h, %i failed, %i in 7 days → %j', (day, failed, week, expected) => {
    expect(anomaliesOf(day, failed, week)).toEqual(expected);
  });
});

describe.each(DIALECTS)('R86 R87 R117 export, chain status and exchange status on %s', (dialect) => {
  let a: AuditWorld;
  let auditor: OrgClient;
  let operator: OrgClient;

  beforeAll(async () => {
    a = await startAuditWorld(dialect);
    auditor = a.actors.get('auditor') as OrgClient;
    operator = a.actors.get('operator') as OrgClient;
  }, 120_000);
  afterAll(() => a?.close());

  it('never takes an ID number in a URL', async () => {
    const res = await auditor.request('GET', `/api/v1/audit/entries?idNumber=${PERSON.zhang}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('UNKNOWN_FIELD');
    const bad = await auditor.request('POST', '/api/v1/audit/reports/person', {
      idNumber: '110105194912310021',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'IDENTIFIER_INVALID', field: '/body/idNumber' });
  });

  it('exports CSV with a byte order mark and Chinese headers, or English ones on request', async () => {
    const res = await a.platform.http.inject({
      method: 'GET',
      url: '/api/v1/audit/export?format=csv&category=access',
      headers: { cookie: auditor.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-trail-\d+\.csv"/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0] ?? {}).slice(0, 3)).toEqual(['序号', '时间', '类别']);
    expect(rows.map((r) => r.请求编号).sort()).toEqual(
      ['req-outside-1', 'req-own-1', 'req-own-2', 'req-sibling-1', 'req-sibling-2'].sort(),
    );
    expect(res.body).not.toContain(PERSON.zhang);
    const en = await a.platform.http.inject({
      method: 'GET',
      url: `/api/v1/audit/export?format=csv&departmentId=${a.dept.own}&category=access`,
      headers: { cookie: auditor.cookie, 'accept-language': 'en' },
    });
    const enRows = parse(en.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(enRows.map((r) => r.Purpose)).toEqual(['最低生活保障审核', '最低生活保障审核']);
  });

  it('exports xlsx that a spreadsheet reads back, and records the export', async () => {
    const res = await a.platform.http.inject({
      method: 'GET',
      url: `/api/v1/audit/export?format=xlsx&category=access&method=download`,
      headers: { cookie: auditor.cookie },
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审计记录');
    expect(sheet?.getRow(1).getCell(1).value).toBe('序号');
    const methods: unknown[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) methods.push(row.getCell(15).value);
    });
    expect(methods).toEqual(['download', 'download']);
    const trail = await auditor.request('GET', '/api/v1/audit/entries?action=audit.export&limit=1');
    expect(trail.body.items[0].detail).toMatchObject({
      format: 'xlsx',
      filter: { category: 'access', method: 'download' },
    });
  });

  it('shows the chain at a glance and verifies it for auditors', async () => {
    await a.platform.services.audit.checkpointNow();
    const before = await operator.request('GET', '/api/v1/audit/status');
    expect(before.status).toBe(200);
    expect(before.body.headSeq).toBeGreaterThan(5);
    expect(before.body.lastCheckpoint.seq).toBeGreaterThan(0);
    expect(before.body.lastCheckpoint.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(before.body.lastVerification).toBeNull();
    const verified = await auditor.request('POST', '/api/v1/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true });
    expect(verified.body.entriesChecked).toBeGreaterThan(5);
    const after = await operator.request('GET', '/api/v1/audit/status');
    expect(after.body.lastVerification).toMatchObject({ ok: true, by: 'v_auditor' });
    expect(after.body.headSeq).toBeGreaterThan(before.body.headSeq);
  });

  it('R55 lists each department’s exchange by method, with failures and anomaly flags', async () => {
    const res = await operator.request('GET', '/api/v1/audit/exchange-status');
    expect(res.status).toBe(200);
    const of = (id: string) =>
      res.body.departments.find((d: { department: { id: string } }) => d.department.id === id);
    expect(of(a.dept.own)).toMatchObject({
      last24h: { query: 1, total: 1 },
      last7d: { query: 2, total: 2 },
      failures24h: 0,
      anomalies: [],
    });
    expect(of(a.dept.sibling)).toMatchObject({
      last24h: { total: 0 },
      last7d: { download: 2, total: 2 },
      failures7d: 1,
    });
    expect(of(a.dept.outside).last7d).toMatchObject({ interface: 1, total: 1 });
    expect(of(a.w.cityDepartmentId).last7d.total).toBe(0);
    expect(res.body.rule).toMatchObject({ failureShare: 0.2, spikeFactor: 3 });

    // A burst of refused calls from the other city's system within the hour is flagged.
    for (let i = 0; i < 12; i++) {
      await a.platform.services.audit.append(
        {
          actor: { kind: 'client', id: 'client-outside', name: '社保经办系统', departmentId: a.dept.outside },
        },
        {
          action: 'exchange.interface',
          access: {
            resourceId: a.resources.sibling,
            method: 'interface',
            purpose: '社保待遇资格认证',
            status: i % 2 === 0 ? 403 : 200,
          },
        },
      );
    }
    const flagged = await auditor.request('GET', '/api/v1/audit/exchange-status');
    const outside = flagged.body.departments[0];
    expect(outside.department.id).toBe(a.dept.outside);
    expect(outside.failures24h).toBe(6);
    expect(outside.anomalies).toEqual(['failure_rate']);
  });

  it('names the first altered entry when the chain has been tampered with', async () => {
    const db = a.platform.storage.db;
    const target = await db
      .selectFrom('audit_entry')
      .select('seq')
      .where('request_id', '=', 'req-own-1')
      .executeTakeFirstOrThrow();
    await db.updateTable('audit_entry').set({ purpose: '其他用途' }).where('seq', '=', target.seq).execute();
    const res = await auditor.request('POST', '/api/v1/audit/verify');
    expect(res.body.ok).toBe(false);
    expect(res.body.firstBreak.seq).toBe(Number(target.seq));
    const status = await auditor.request('GET', '/api/v1/audit/status');
    expect(status.body.lastVerification).toMatchObject({
      ok: false,
      firstBreak: { seq: Number(target.seq) },
    });
    const trail = await auditor.request('GET', '/api/v1/audit/entries?action=audit.verify&outcome=failure');
    expect(trail.body.items).toHaveLength(1);
  });
});
