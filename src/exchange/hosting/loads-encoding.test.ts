import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_EXIT, upload } from '../../cli/exchange.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { RecordValues } from '../model.js';
import { type ApiRequester, type ExchangeWorld, sampleRecords } from '../test-support/index.js';
import { startUploadWorld, type UploadWorld } from './test-support/upload.js';

const HEADER = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];
const csvOf = (records: RecordValues[]) =>
  `${[HEADER.join(','), ...records.map((r) => HEADER.map((h) => String(r[h] ?? '')).join(','))].join('\r\n')}\r\n`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const gb18030 = (text: string) => iconv.encode(text, 'gb18030');

// Issue 22: a CSV saved by Excel on a Chinese Windows is GB18030 (GBK). The same rows come in as
// UTF-8, UTF-8 with BOM and GB18030 — declared or recognized — through the HTTP upload and the
// CLI; anything else is refused naming its encoding, a broken byte naming its line.
describe.each(DIALECTS)('CSV uploads in UTF-8 and GB18030 on %s (issue 22)', (dialect) => {
  let x: ExchangeWorld;
  let url: string;
  let node: ApiRequester;
  let dir: string;
  // biome-ignore lint/suspicious/noExplicitAny: NDJSON lines are inspected loosely in tests.
  const last = (lines: unknown[]) => lines[lines.length - 1] as Record<string, any>;
  /** The stored rows of some keys, as the database holds them (key order, bookkeeping left out). */
  const rowsOf = async (records: RecordValues[]) => {
    const keys = new Set(records.map((r) => String(r.公民身份号码)));
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(x.resource.table)}`.execute(
      x.platform.storage.db,
    );
    const id = x.resource.columns.find((c) => c.item === '公民身份号码')?.column as string;
    const columns = x.resource.columns.map((c) => c.column);
    return rows
      .filter((row) => keys.has(String(row[id])))
      .map((row) => columns.map((c) => row[c]))
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  };
  const stored = async () =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.id(x.resource.table)}`.execute(
          x.platform.storage.db,
        )
      ).rows[0]?.n,
    );
  const cli = async (name: string, data: Buffer, encoding?: string) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => {
      text += chunk;
    });
    const result = await upload({
      url,
      entry: x.entryId,
      file: path,
      encoding,
      clientId: node.clientId,
      clientSecret: node.secret,
      out,
      bar: false,
    });
    return { ...result, text };
  };

  let world: UploadWorld | undefined;
  beforeAll(async () => {
    world = await startUploadWorld(dialect, 'govshare-encoding-');
    ({ x, url, node, dir } = world);
  }, 120_000);
  afterAll(() => world?.close());

  it('HTTP upload: the same file as UTF-8, UTF-8 with BOM and GB18030 (recognized, charset=gbk, charset=gb18030) stores identical rows, each saying how it was read', async () => {
    // Past the 64 KiB the encoding is decided on: the rest is decoded as it streams.
    const records = sampleRecords(1200, 52_000);
    const text = csvOf(records);
    const first = await x.upload(Buffer.from(text), { format: 'csv' });
    expect(last(first.lines)).toMatchObject({
      type: 'done',
      load: { status: 'done', applied: 1200, encoding: 'utf-8', encodingSource: 'detected' },
    });
    const expected = await rowsOf(records);
    expect(expected).toHaveLength(1200);
    expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024);
    expect(JSON.stringify(expected)).not.toContain('\uFFFD');

    const variants: Array<[string, Buffer, string | undefined, string, string]> = [
      ['UTF-8 with BOM', Buffer.concat([BOM, Buffer.from(text)]), undefined, 'utf-8', 'detected'],
      ['GB18030 recognized', gb18030(text), undefined, 'gb18030', 'detected'],
      ['GB18030 as charset=gbk', gb18030(text), 'text/csv; charset=gbk', 'gb18030', 'declared'],
      ['GB18030 as charset=GB2312', gb18030(text), 'text/csv; charset="GB2312"', 'gb18030', 'declared'],
      ['UTF-8 as charset=utf-8', Buffer.from(text), 'text/csv; charset=utf-8', 'utf-8', 'declared'],
    ];
    for (const [what, data, contentType, encoding, source] of variants) {
      const answer = await x.upload(data, { format: 'csv', ...(contentType ? { contentType } : {}) });
      expect(answer.status, what).toBe(200);
      const end = last(answer.lines);
      // Every row equal to the one stored from UTF-8: nothing written, nothing rejected.
      expect(end, what).toMatchObject({
        type: 'done',
        load: {
          status: 'done',
          rowsRead: 1200,
          applied: 0,
          unchanged: 1200,
          rejected: 0,
          encoding,
          encodingSource: source,
        },
      });
      // The progress stream says the encoding as soon as it is known.
      expect(
        answer.lines.some((l) => l.type === 'progress' && l.encoding === encoding),
        what,
      ).toBe(true);
      const view = await x.w.police.request('GET', `/api/v1/exchange/loads/${end.load.id}`);
      expect(view.body, what).toMatchObject({ encoding, encodingSource: source });
    }
    expect(await rowsOf(records)).toEqual(expected);

    // A GB18030 file first, then the same as UTF-8: the rows it stored are the UTF-8 ones.
    const others = sampleRecords(50, 56_000);
    const fromGb = await x.upload(gb18030(csvOf(others)), { format: 'csv' });
    expect(last(fromGb.lines)).toMatchObject({ type: 'done', load: { applied: 50, encoding: 'gb18030' } });
    const again = await x.upload(Buffer.from(csvOf(others)), { format: 'csv' });
    expect(last(again.lines)).toMatchObject({
      type: 'done',
      load: { applied: 0, unchanged: 50, encoding: 'utf-8' },
    });
  }, 180_000);

  it('CLI: a GB18030 file with --encoding gbk or recognized loads the same rows and says how it was read', async () => {
    const records = sampleRecords(300, 57_000);
    const text = csvOf(records);
    const utf8 = await cli('utf8.csv', Buffer.from(text));
    expect(utf8.exitCode).toBe(UPLOAD_EXIT.ok);
    expect(utf8.load).toMatchObject({ applied: 300, encoding: 'utf-8' });
    expect(utf8.text).toContain('已按 UTF-8 编码读取（自动识别） / read as UTF-8 (detected)');
    const expected = await rowsOf(records);

    const bom = await cli('bom.csv', Buffer.concat([BOM, Buffer.from(text)]));
    expect(bom.load).toMatchObject({ applied: 0, unchanged: 300, encoding: 'utf-8' });

    const declared = await cli('gbk.csv', gb18030(text), 'gbk');
    expect(declared.exitCode).toBe(UPLOAD_EXIT.ok);
    expect(declared.load).toMatchObject({
      applied: 0,
      unchanged: 300,
      encoding: 'gb18030',
      encodingSource: 'declared',
    });
    expect(declared.text).toContain('已按 GB18030 编码读取 / read as GB18030');

    const recognized = await cli('excel.csv', gb18030(text));
    expect(recognized.exitCode).toBe(UPLOAD_EXIT.ok);
    expect(recognized.load).toMatchObject({
      applied: 0,
      unchanged: 300,
      encoding: 'gb18030',
      encodingSource: 'detected',
    });
    expect(recognized.text).toContain('已按 GB18030 编码读取（自动识别）');
    expect(await rowsOf(records)).toEqual(expected);

    // An encoding the platform does not read is refused before anything is sent.
    const sjis = await cli('sjis.csv', gb18030(text), 'shift_jis');
    expect(sjis.exitCode).toBe(UPLOAD_EXIT.failure);
    expect(sjis.text).toContain('声明的字符编码 shift_jis 不受支持');
  }, 180_000);

  it('Shift_JIS, Big5 and UTF-16 files are refused naming the encoding they look like; nothing is written', async () => {
    const before = await stored();
    // A Japanese system's export: Shift_JIS bytes decode as GB18030 too, into nonsense.
    const japanese = `氏名,ふりがな,住所,生年月日\n${Array.from(
      { length: 40 },
      (_, i) => `山田太郎${i},やまだ たろう,東京都千代田区丸の内${i}丁目,1990-03-07`,
    ).join('\n')}\n`;
    const cases: Array<[string, Buffer, string]> = [
      ['Shift_JIS', iconv.encode(japanese, 'shift_jis'), 'Shift_JIS'],
      ['Big5', iconv.encode(csvOf(sampleRecords(40, 58_000)).replaceAll('户', '戶'), 'big5'), 'Big5'],
      [
        'UTF-16LE',
        Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csvOf(sampleRecords(5, 58_100)), 'utf-16le')]),
        'UTF-16LE',
      ],
      ['UTF-16LE without BOM', iconv.encode(csvOf(sampleRecords(5, 58_200)), 'utf-16le'), 'UTF-16LE'],
    ];
    for (const [what, data, name] of cases) {
      const answer = await x.upload(data, { format: 'csv', mode: 'keep_good' });
      const end = last(answer.lines);
      expect(end.type, what).toBe('failed');
      expect(end.error.code, what).toBe('EXCHANGE_UPLOAD_ENCODING');
      expect(end.error.message, what).toContain(`文件看起来是 ${name} 编码，平台只接受 UTF-8 与 GB18030`);
      expect(end.load, what).toMatchObject({ status: 'failed', applied: 0, encoding: null });
    }
    // The history keeps why each was refused.
    const history = await x.w.police.request(
      'GET',
      `/api/v1/exchange/loads?entryId=${x.entryId}&pageSize=100`,
    );
    const refused = (history.body.items as Array<{ error: string | null }>).filter((l) =>
      l.error?.startsWith('EXCHANGE_UPLOAD_ENCODING: 上传文件的字符编码无法接受：文件看起来是'),
    );
    expect(refused).toHaveLength(cases.length);
    expect(await stored()).toBe(before);
  });

  it('a GB18030 file with a broken byte sequence far into it is refused naming the line; nothing is written', async () => {
    const before = await stored();
    const records = sampleRecords(3000, 59_000);
    const lines = csvOf(records).split('\r\n');
    // Line 2501 (the header is line 1): a lead byte followed by a space is no GB18030 character.
    const bytes = Buffer.concat([
      gb18030(`${lines.slice(0, 2500).join('\r\n')}\r\n`),
      Buffer.from([0x81, 0x20]),
      gb18030(`${lines.slice(2500).join('\r\n')}`),
    ]);
    expect(bytes.length).toBeGreaterThan(128 * 1024);
    for (const mode of ['all_or_nothing', 'keep_good'] as const) {
      const end = last((await x.upload(bytes, { format: 'csv', mode })).lines);
      expect(end.type, mode).toBe('failed');
      expect(end.error.code, mode).toBe('EXCHANGE_UPLOAD_UNREADABLE');
      expect(end.error.message, mode).toContain('第 2501 行含有不是有效 GB18030 编码的字节');
    }
    expect(await stored()).toBe(before);
  });

  it('a declared charset that does not match the bytes is refused clearly; an unknown one before the upload', async () => {
    const before = await stored();
    const text = csvOf(sampleRecords(30, 60_000));
    const gbOnUtf8 = last(
      (await x.upload(Buffer.from(text), { format: 'csv', contentType: 'text/csv; charset=gbk' })).lines,
    );
    expect(gbOnUtf8.error.code).toBe('EXCHANGE_UPLOAD_ENCODING');
    expect(gbOnUtf8.error.message).toContain('声明的字符编码 GB18030 与文件内容不符：文件是 UTF-8 编码');
    const utf8OnGb = last(
      (await x.upload(gb18030(text), { format: 'csv', contentType: 'text/csv; charset=utf-8' })).lines,
    );
    expect(utf8OnGb.error.code).toBe('EXCHANGE_UPLOAD_ENCODING');
    expect(utf8OnGb.error.message).toContain('声明的字符编码 UTF-8 与文件内容不符：第 1 行不是有效的 UTF-8');
    const unknown = await x.upload(Buffer.from(text), {
      format: 'csv',
      contentType: 'text/csv; charset=shift_jis',
    });
    expect(unknown.status).toBe(415);
    expect(unknown.body.error.code).toBe('EXCHANGE_UPLOAD_ENCODING');
    expect(unknown.body.error.message).toContain('声明的字符编码 shift_jis 不受支持');
    expect(await stored()).toBe(before);
  });
});
