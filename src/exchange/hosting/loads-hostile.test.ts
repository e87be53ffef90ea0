import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { type ExchangeWorld, sampleRecords, startExchangeWorld } from '../test-support/index.js';

const HEADER = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];

function csvLines(records: Record<string, unknown>[]): string[] {
  return records.map((r) =>
    HEADER.map((h) => (r[h] === null || r[h] === undefined ? '' : String(r[h]))).join(','),
  );
}

// Hostile text in uploaded files: one rule on both databases. A cell holding NUL or a lone
// surrogate is a bad row (never a database error that fails the whole load); bytes that are not
// UTF-8 refuse the file and say where, instead of turning into U+FFFD in stored data.
describe.each(DIALECTS)('hostile text in uploads on %s (issue 12, 15)', (dialect) => {
  let x: ExchangeWorld;
  // biome-ignore lint/suspicious/noExplicitAny: NDJSON lines are inspected loosely in tests.
  const last = (lines: { type: string }[]) => lines[lines.length - 1] as Record<string, any>;
  const stored = async () =>
    (
      await sql<{ n: number }>`select count(*) as n from ${sql.id(x.resource.table)}`.execute(
        x.platform.storage.db,
      )
    ).rows[0]?.n;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
  }, 120_000);
  afterAll(() => x?.close());

  it('keep_good: a CSV cell with NUL is a bad row with problem "text"; the other rows load', async () => {
    const records = sampleRecords(6, 41_000);
    const lines = csvLines(records);
    lines[2] = lines[2]?.replace(/,[^,]*,/, ',张\u0000三,') ?? '';
    const csv = `${HEADER.join(',')}\n${lines.join('\n')}\n`;
    const before = Number(await stored());
    const end = last((await x.upload(csv, { format: 'csv', mode: 'keep_good' })).lines);
    expect(end.type).toBe('done');
    expect(end.load).toMatchObject({ status: 'done', applied: 5, rejected: 1 });
    expect(end.rejected[0]).toMatchObject({ index: 4, item: '姓名', problem: 'text' });
    expect(Number(await stored())).toBe(before + 5);
  });

  it('all or nothing: NUL and lone surrogates in NDJSON reject the load cleanly, nothing written', async () => {
    const records = sampleRecords(4, 42_000);
    const body = [
      JSON.stringify(records[0]),
      JSON.stringify({ ...records[1], 姓名: 'a\u0000b' }),
      // A lone surrogate escaped in JSON text, as a hostile client sends it.
      JSON.stringify({ ...records[2], 参保状态: 'X' }).replace('"X"', '"\\ud800"'),
      JSON.stringify(records[3]),
    ].join('\n');
    const before = Number(await stored());
    const end = last((await x.upload(body, { format: 'ndjson' })).lines);
    expect(end.type).toBe('failed');
    expect(end.error.code).toBe('EXCHANGE_BATCH_REJECTED');
    expect(end.rejected.map((r: { index: number; problem: string }) => [r.index, r.problem])).toEqual([
      [2, 'text'],
      [3, 'text'],
    ]);
    expect(Number(await stored())).toBe(before);
  });

  it('bytes that are not UTF-8 refuse the file, naming where; nothing becomes U+FFFD', async () => {
    const records = sampleRecords(3, 43_000);
    const good = Buffer.from(`${HEADER.join(',')}\n${csvLines(records).join('\n')}\n`);
    // GBK bytes of 张三 (D5 C5 C8 FD) are not UTF-8.
    const bad = Buffer.concat([good, Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(',x\n')]);
    const before = Number(await stored());
    for (const format of ['csv', 'ndjson'] as const) {
      const end = last((await x.upload(bad, { format, mode: 'keep_good' })).lines);
      expect(end.type, format).toBe('failed');
      expect(end.error.code, format).toBe('EXCHANGE_UPLOAD_UNREADABLE');
      expect(end.error.message, format).toContain('UTF-8');
    }
    expect(Number(await stored())).toBe(before);
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.id(x.resource.table)} where c2 like ${'%\uFFFD%'}`.execute(
      x.platform.storage.db,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
