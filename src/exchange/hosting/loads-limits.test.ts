import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { testXlsx } from '../../platform/zip/test-zip.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';
import { READ_LIMITS } from './loads/readers.js';
import { REJECT_LIMITS } from './loads/rejects.js';

const HEADER = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];

// Files small on the wire that expand, sprawl or repeat themselves: each is refused (or stopped)
// with the platform's own message, and nothing is written.
describe.each(DIALECTS)('size attacks on uploads on %s (issue 15)', (dialect) => {
  let x: ExchangeWorld;
  // biome-ignore lint/suspicious/noExplicitAny: NDJSON lines are inspected loosely in tests.
  const last = (lines: { type: string }[]) => lines[lines.length - 1] as Record<string, any>;
  const stored = async () =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.id(x.resource.table)}`.execute(
          x.platform.storage.db,
        )
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
  }, 120_000);
  afterAll(() => x?.close());

  it('attack: a zip bomb xlsx (a few hundred KB expanding past 256 MiB) is refused before it is read', async () => {
    const row = Buffer.alloc(1 << 20, '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>');
    const file = await testXlsx({ repeat: { chunk: row, times: 260 } });
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const before = await stored();
    const res = await x.upload(file, { format: 'xlsx' });
    const end = last(res.lines);
    expect(end.type).toBe('failed');
    expect(end.error.code).toBe('EXCHANGE_UPLOAD_UNREADABLE');
    expect(end.error.message).toContain(`解压后超过 ${READ_LIMITS.expandedBytes} 字节上限`);
    expect(end.load).toMatchObject({ status: 'failed', applied: 0, hasRejectFile: false });
    expect(await stored()).toBe(before);
  }, 60_000);

  it('attack: an xlsx exceljs cannot parse fails with the generic message, not the library text', async () => {
    // A cell without its address: exceljs fails reading a property of undefined.
    const file = await testXlsx({
      data: '<worksheet><sheetData><row r="1"><c t="n"><v>9</v></c></row></sheetData></worksheet>',
    });
    const end = last((await x.upload(file, { format: 'xlsx' })).lines);
    expect(end.type).toBe('failed');
    expect(end.error.code).toBe('EXCHANGE_UPLOAD_UNREADABLE');
    expect(end.error.message).toContain('文件无法读取（xlsx 结构或内容无法解析）');
    expect(end.error.message).not.toMatch(/Cannot read properties|undefined|Unexpected|sax/i);
  });

  it('attack: an NDJSON line longer than 1 MiB is refused with its line number', async () => {
    const records = sampleRecords(3, 81_000);
    const long = JSON.stringify({ ...records[1], 姓名: 'x'.repeat(READ_LIMITS.lineChars + 10) });
    const body = [JSON.stringify(records[0]), JSON.stringify(records[2]), long, JSON.stringify(records[0])];
    const before = await stored();
    const end = last((await x.upload(body.join('\n'), { format: 'ndjson', mode: 'keep_good' })).lines);
    expect(end.type).toBe('failed');
    expect(end.error.code).toBe('EXCHANGE_UPLOAD_UNREADABLE');
    expect(end.error.message).toContain(`第 3 行超过 ${READ_LIMITS.lineChars} 字符上限`);
    expect(await stored()).toBe(before);
  });

  it('attack: a line without any newline (the whole upload one line) stops at the limit', async () => {
    const body = `{"姓名":"${'y'.repeat(3 * READ_LIMITS.lineChars)}`;
    const end = last((await x.upload(body, { format: 'ndjson' })).lines);
    expect(end.error.code).toBe('EXCHANGE_UPLOAD_UNREADABLE');
    expect(end.error.message).toContain('第 1 行超过');
  });

  it('attack: a CSV with 1,001 columns, or an unclosed quote swallowing the file, is refused clearly', async () => {
    const wide = `${[...HEADER, ...Array.from({ length: 1_000 }, (_, i) => `c${i}`)].join(',')}\n1,2\n`;
    const end = last((await x.upload(wide, { format: 'csv' })).lines);
    expect(end.error.code).toBe('EXCHANGE_UPLOAD_UNREADABLE');
    expect(end.error.message).toContain(`第 1 行超过 ${READ_LIMITS.columns} 列上限`);
    const open = `${HEADER.join(',')}\n"${'z'.repeat(READ_LIMITS.lineChars + 10)}\n`;
    const end2 = last((await x.upload(open, { format: 'csv' })).lines);
    expect(end2.error.code).toBe('EXCHANGE_UPLOAD_UNREADABLE');
    expect(end2.error.message).toContain(`超过 ${READ_LIMITS.lineChars} 字符上限`);
    expect(end2.error.message).not.toMatch(/Max Record Size|tolerated/);
  });

  it('attack: many bad cells per row write one reject line per row, never the row per cell', async () => {
    const records = sampleRecords(5, 82_000);
    const lines = records.map((r) =>
      [r.公民身份号码, r.姓名, '1990-02-30', r.参保状态, '十万', 'not a time', '也许'].join(','),
    );
    const end = last(
      (await x.upload(`${HEADER.join(',')}\n${lines.join('\n')}\n`, { format: 'csv', mode: 'keep_good' }))
        .lines,
    );
    expect(end.load).toMatchObject({ status: 'done', applied: 0, rejected: 5, hasRejectFile: true });
    const file = await x.w.police.request('GET', `${EXCHANGE_API}/loads/${end.load.id}/rejects`);
    const rows = String(file.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(rows).toHaveLength(1 + 5);
    expect(rows[1]).toMatch(/^2,出生日期; 缴费基数; 更新时间; 是否有效,date; type; date; type,/);
    expect(rows[1]?.split(String(records[0]?.公民身份号码))).toHaveLength(2);
  });

  it('attack: past the reject cap the load stops (failed, nothing written), the file keeps the cap', async () => {
    const bad = `${'1'.repeat(18)},张三,1990-01-01,正常,1,2024-01-01T00:00:00Z,true`;
    const count = REJECT_LIMITS.rows + 50;
    const csv = `${HEADER.join(',')}\n${`${bad}\n`.repeat(count)}`;
    const before = await stored();
    for (const mode of ['keep_good', 'all_or_nothing'] as const) {
      const end = last((await x.upload(csv, { format: 'csv', mode })).lines);
      expect(end.type).toBe('failed');
      expect(end.error.code).toBe('EXCHANGE_UPLOAD_TOO_MANY_REJECTS');
      expect(end.load).toMatchObject({ status: 'failed', applied: 0, hasRejectFile: true });
      expect(end.load.rejected).toBe(REJECT_LIMITS.rows);
    }
    expect(await stored()).toBe(before);
  }, 120_000);
});
