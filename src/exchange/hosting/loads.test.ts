import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { RecordValues } from '../model.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  residentId,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';

const HEADER = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];

function csvOf(records: RecordValues[], header = HEADER): string {
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header.join(','), ...records.map((r) => header.map((h) => cell(r[h])).join(','))].join('\n');
}

async function xlsxOf(records: RecordValues[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  sheet.addRow(HEADER);
  for (const r of records)
    sheet.addRow(
      HEADER.map((h) => (h === '出生日期' ? new Date(`${r[h]}T00:00:00Z`) : h === '是否有效' ? r[h] : r[h])),
    );
  workbook.addWorksheet('说明').addRow(['忽略 / ignored']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(DIALECTS)('uploading files of records on %s', (dialect) => {
  let x: ExchangeWorld;
  const dump = async () => {
    const { rows } = await sql`select * from ${sql.id(x.resource.table)} order by _key`.execute(
      x.platform.storage.db,
    );
    return rows;
  };
  // biome-ignore lint/suspicious/noExplicitAny: NDJSON lines are inspected loosely in tests.
  const last = (lines: { type: string }[]) => lines[lines.length - 1] as Record<string, any>;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { exchange: { uploadLimitBytes: 2 * 1024 * 1024 } });
  }, 120_000);
  afterAll(() => x?.close());

  it('loads a CSV as upserts with source load:<id>, streaming progress, and audits it', async () => {
    const records = sampleRecords(1500, 100);
    const before = await x.hosted();
    const res = await x.upload(csvOf(records), { format: 'csv' });
    expect(res.status).toBe(200);
    const done = last(res.lines);
    expect(done.type).toBe('done');
    expect(done.load).toMatchObject({
      status: 'done',
      format: 'csv',
      mode: 'all_or_nothing',
      rowsRead: 1500,
      applied: 1500,
      unchanged: 0,
      rejected: 0,
      firstSeq: before.lastSeq + 1,
      lastSeq: before.lastSeq + 1500,
      hasRejectFile: false,
    });
    expect(res.lines.some((l) => l.type === 'progress')).toBe(true);
    const after = await x.hosted();
    expect(after).toMatchObject({ lastSeq: before.lastSeq + 1500, rowCount: before.rowCount + 1500 });
    const log = await x.w.police.request(
      'GET',
      `${EXCHANGE_API}/resources/${x.entryId}/change-log?after=${before.lastSeq}&limit=2`,
    );
    expect(log.body.changes[0]).toMatchObject({ op: 'insert', source: `load:${done.load.id}` });
    expect(log.body.hasMore).toBe(true);

    // The same file again changes nothing and logs nothing.
    const again = last((await x.upload(csvOf(records), { format: 'csv' })).lines);
    expect(again.load).toMatchObject({ status: 'done', applied: 0, unchanged: 1500, firstSeq: null });
    expect((await x.hosted()).lastSeq).toBe(after.lastSeq);

    // One changed row among them: one update.
    const changed = records.map((r, i) => (i === 7 ? { ...r, 参保状态: '终止' } : r));
    const third = last((await x.upload(csvOf(changed), { format: 'csv' })).lines);
    expect(third.load).toMatchObject({ applied: 1, unchanged: 1499, firstSeq: after.lastSeq + 1 });

    const audit = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select('detail')
      .where('action', '=', 'exchange.load')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('all or nothing: a malformed upload leaves the table exactly as it was and lists the bad rows', async () => {
    const before = await dump();
    const resource = await x.hosted();
    const records = sampleRecords(30, 5000);
    const bad = records.map((r, i) =>
      i === 3
        ? { ...r, 出生日期: '1990-02-30' }
        : i === 20
          ? { ...r, 公民身份号码: '110105199001011234' }
          : r,
    );
    const res = await x.upload(csvOf(bad), { format: 'csv' });
    const end = last(res.lines);
    expect(end.type).toBe('failed');
    expect(end.error.code).toBe('EXCHANGE_BATCH_REJECTED');
    expect(end.load).toMatchObject({ status: 'rejected', applied: 0, rejected: 2, hasRejectFile: true });
    expect(
      end.rejected.map((r: { index: number; item: string; problem: string }) => [r.index, r.item, r.problem]),
    ).toEqual([
      [5, '出生日期', 'date'],
      [22, '公民身份号码', 'identifier'],
    ]);
    expect(await dump()).toEqual(before);
    expect(await x.hosted()).toMatchObject({ lastSeq: resource.lastSeq, rowCount: resource.rowCount });
    const file = await x.w.police.request('GET', `${EXCHANGE_API}/loads/${end.load.id}/rejects`);
    expect(file.status).toBe(200);
    const lines = String(file.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(`row,item,problem,detail,${HEADER.join(',')}`);
    expect(lines[1]).toMatch(/^5,出生日期,date,日期或时间无效 \/ invalid date or time: /);
    expect(lines[2]).toContain('110105199001011234');
  });

  it('keep_good writes the good rows and keeps the bad ones in a reject file', async () => {
    const before = await x.hosted();
    const records = sampleRecords(10, 6000);
    const bad = records.map((r, i) => (i === 4 ? { ...r, 缴费基数: '十万' } : r));
    const end = last((await x.upload(csvOf(bad), { format: 'csv', mode: 'keep_good' })).lines);
    expect(end.type).toBe('done');
    expect(end.load).toMatchObject({ status: 'done', applied: 9, rejected: 1, hasRejectFile: true });
    expect((await x.hosted()).rowCount).toBe(before.rowCount + 9);
    const file = await x.w.police.request('GET', `${EXCHANGE_API}/loads/${end.load.id}/rejects`);
    expect(String(file.body)).toContain('十万');
  });

  it('a file repeating a key: the later row is refused, naming the first, on every load path', async () => {
    const before = await x.hosted();
    const records = sampleRecords(6, 12_345);
    const id = String(records[1]?.公民身份号码);
    // The same person again (the check letter in lower case is the same key), with another name.
    const repeated = [...records, { ...records[1], 公民身份号码: id.toLowerCase(), 姓名: '重复者' }];
    const refusal = { index: 8, item: '公民身份号码', problem: 'duplicate', detail: '第 3 行 / row 3' };

    // All or nothing (one transaction on PostgreSQL, staged on SQLite): nothing is written.
    const whole = last((await x.upload(csvOf(repeated), { format: 'csv' })).lines);
    expect(whole.type).toBe('failed');
    expect(whole.load).toMatchObject({ status: 'rejected', applied: 0, rejected: 1 });
    expect(whole.rejected).toEqual([refusal]);
    expect((await x.hosted()).rowCount).toBe(before.rowCount);

    // Keep good (written in steps): the first row stands, the repeat is in the reject file.
    const kept = last((await x.upload(csvOf(repeated), { format: 'csv', mode: 'keep_good' })).lines);
    expect(kept.load).toMatchObject({ status: 'done', applied: 6, rejected: 1 });
    expect(kept.rejected).toEqual([refusal]);
    expect(JSON.stringify(await dump())).not.toContain('重复者');
    const file = await x.w.police.request('GET', `${EXCHANGE_API}/loads/${kept.load.id}/rejects`);
    expect(String(file.body)).toContain(
      '与文件中前面一行的主键相同 / same key as an earlier row of the file',
    );

    // NDJSON lines are rows too.
    const ndjson = repeated.map((r) => JSON.stringify({ ...r, 缴费基数: '1' })).join('\n');
    const lines = last((await x.upload(ndjson, { format: 'ndjson', mode: 'keep_good' })).lines);
    expect(lines.load).toMatchObject({ applied: 6, rejected: 1 });
    expect(lines.rejected).toEqual([{ ...refusal, index: 7, detail: '第 2 行 / row 2' }]);
  });

  it('reads xlsx (first sheet, dates as dates) and NDJSON (a malformed line is a bad row)', async () => {
    const records = sampleRecords(12, 7000);
    const xlsx = last((await x.upload(await xlsxOf(records), { format: 'xlsx' })).lines);
    expect(xlsx.load).toMatchObject({ status: 'done', rowsRead: 12, applied: 12, rejected: 0 });
    // The same records as NDJSON: all unchanged, the xlsx dates read as the same dates.
    const ndjson = records.map((r) => JSON.stringify(r)).join('\n');
    const same = last((await x.upload(`${ndjson}\n`, { format: 'ndjson' })).lines);
    expect(same.load).toMatchObject({ status: 'done', rowsRead: 12, applied: 0, unchanged: 12 });
    const broken = `${JSON.stringify({ ...records[0], 姓名: '改' })}\n{"公民身份号码": \n[1,2]\n`;
    const res = last((await x.upload(broken, { format: 'ndjson', mode: 'keep_good' })).lines);
    expect(res.load).toMatchObject({ applied: 1, rejected: 2 });
    expect(res.rejected.map((r: { index: number; problem: string }) => [r.index, r.problem])).toEqual([
      [2, 'malformed'],
      [3, 'malformed'],
    ]);
  });

  it('refuses a wrong header, a file past the limit, and writers outside the provider department', async () => {
    const header = last((await x.upload('血型,姓名\nA,张三\n', { format: 'csv' })).lines);
    expect(header.type).toBe('failed');
    expect(header.error.code).toBe('EXCHANGE_UPLOAD_HEADER');
    expect(header.load.status).toBe('failed');
    expect(header.error.message).toContain('血型');

    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const declared = await x.upload(big, { format: 'csv' });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('EXCHANGE_UPLOAD_TOO_LARGE');
    const streamed = await x.upload(big, { format: 'csv', chunked: true });
    expect(last(streamed.lines)).toMatchObject({
      type: 'failed',
      error: { code: 'EXCHANGE_UPLOAD_TOO_LARGE' },
    });

    const csv = csvOf(sampleRecords(2, 8000));
    expect((await x.upload(csv, { format: 'csv', client: x.w.hrss })).status).toBe(403);
    expect((await x.upload(csv, { format: 'csv', client: x.w.sysadmin })).status).toBe(403);
    const node = await x.apiClient(x.w.departments.police);
    expect(last((await x.upload(csv, { format: 'csv', client: node })).lines).type).toBe('done');
    expect((await x.upload(csv, { format: 'csv', contentType: 'application/json' })).status).toBe(400);
  });

  it('keeps a history of loads; the reject file only for the provider', async () => {
    const list = await x.w.police.request('GET', `${EXCHANGE_API}/loads?entryId=${x.entryId}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(5);
    const withRejects = list.body.items.find((l: { hasRejectFile: boolean }) => l.hasRejectFile);
    const one = await x.w.police.request('GET', `${EXCHANGE_API}/loads/${withRejects.id}`);
    expect(one.body).toMatchObject({ id: withRejects.id, createdByName: 'police.admin' });
    expect(one.body.durationMs).toBeGreaterThanOrEqual(0);
    expect((await x.w.sysadmin.request('GET', `${EXCHANGE_API}/loads/${withRejects.id}`)).status).toBe(200);
    expect(
      (await x.w.sysadmin.request('GET', `${EXCHANGE_API}/loads/${withRejects.id}/rejects`)).status,
    ).toBe(403);
    expect((await x.w.hrss.request('GET', `${EXCHANGE_API}/loads/${withRejects.id}`)).status).toBe(404);
    const mine = await x.w.police.request('GET', `${EXCHANGE_API}/loads`);
    expect(mine.body.total).toBe(list.body.total);
  });

  it('large chunks (merged in the database on PostgreSQL) compare values by type, as batches do', async () => {
    const records = sampleRecords(700, 20_000);
    const first = last((await x.upload(csvOf(records), { format: 'csv' })).lines);
    expect(first.load).toMatchObject({ applied: 700, unchanged: 0 });
    const respelled = records.map((r, i) => ({
      ...r,
      出生日期: String(r.出生日期).replaceAll('-', '/'),
      缴费基数: `${r.缴费基数}000`,
      更新时间: '2026-09-01 16:00:00',
      是否有效: r.是否有效 ? '是' : '否',
      ...(i % 100 === 0 ? { 参保状态: '变更' } : {}),
    }));
    const fresh = sampleRecords(5, 30_000);
    const before = await x.hosted();
    const second = last(
      (
        await x.upload([...respelled, ...fresh].map((r) => JSON.stringify(r)).join('\n'), {
          format: 'ndjson',
        })
      ).lines,
    );
    expect(second.load).toMatchObject({ applied: 12, unchanged: 693, firstSeq: before.lastSeq + 1 });
    const log = await x.w.police.request(
      'GET',
      `${EXCHANGE_API}/resources/${x.entryId}/change-log?after=${before.lastSeq}&limit=20`,
    );
    expect(
      log.body.changes.map((c: { seq: number; op: string; key: string }) => [c.seq, c.op, c.key]),
    ).toEqual([
      ...[0, 100, 200, 300, 400, 500, 600].map((i, n) => [
        before.lastSeq + 1 + n,
        'update',
        records[i]?.公民身份号码,
      ]),
      ...fresh.map((r, n) => [before.lastSeq + 8 + n, 'insert', r.公民身份号码]),
    ]);
    expect(await x.hosted()).toMatchObject({ rowCount: before.rowCount + 5, lastSeq: before.lastSeq + 12 });
  });

  it('a key item may be lower-case x and the stored key is canonical', async () => {
    const id = residentId('19880808', 808);
    const record = { ...sampleRecords(1, 9000)[0], 公民身份号码: id.toLowerCase() };
    const end = last((await x.upload(csvOf([record]), { format: 'csv' })).lines);
    expect(end.load.applied).toBe(1);
    const { rows } = await sql`select _key from ${sql.id(x.resource.table)} where _key = ${id}`.execute(
      x.platform.storage.db,
    );
    expect(rows).toHaveLength(1);
  });
});
