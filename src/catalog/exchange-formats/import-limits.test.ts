import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { testXlsx } from '../../platform/zip/test-zip.js';
import { type CatalogWorld, startCatalogWorld } from '../test-support/world.js';
import { IMPORT_READ_LIMITS } from './read.js';
import { upload, XLSX } from './test-support/index.js';

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const sheetOf = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;

// Import files small on the wire that expand or sprawl: each is a clear 400 in the platform's
// words, before anything is checked or kept (issue 15).
describe.each(DIALECTS)('size attacks on catalog import on %s (issue 15)', (dialect) => {
  let w: CatalogWorld;
  const mine = async () =>
    (await w.police.request('GET', '/api/v1/catalog/entries?mine=true&pageSize=100')).body.total;

  beforeAll(async () => {
    w = await startCatalogWorld(dialect);
  });
  afterAll(() => w.close());

  it('attack: a zip bomb workbook (expanding past 128 MiB) is refused with 400 before it is read', async () => {
    const row = Buffer.alloc(1 << 20, `<row r="2">${inline('A2', '人口')}</row>`);
    const file = await testXlsx({ repeat: { chunk: row, times: 130 } });
    const before = await mine();
    const res = await upload(w.platform, w.police, file, XLSX);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CATALOG_IMPORT_UNREADABLE');
    expect(res.body.error.message).toContain(`解压后超过 ${IMPORT_READ_LIMITS.expandedBytes} 字节上限`);
    expect(await mine()).toBe(before);
  }, 60_000);

  it('attack: a workbook past 16,384 columns (or past the column limit) is a 400, never a 500', async () => {
    for (const last of ['XFE1', 'XFD1', 'ALN1']) {
      const file = await testXlsx({
        data: sheetOf(`<row r="1">${inline('A1', '序号')}${inline(last, 'x')}</row>`),
      });
      const res = await upload(w.platform, w.police, file, XLSX);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('CATALOG_IMPORT_UNREADABLE');
      expect(res.body.error.message).not.toMatch(/Out of bounds|Cannot read|undefined/);
    }
  });

  it('attack: a CSV of 1,001 columns or a record of more than 1 MiB is refused in the platform words', async () => {
    const wide = `${Array.from({ length: IMPORT_READ_LIMITS.columns + 1 }, (_, i) => `c${i}`).join(',')}\n`;
    const res = await upload(w.platform, w.police, Buffer.from(wide), 'text/csv');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`第 1 行超过 ${IMPORT_READ_LIMITS.columns} 列上限`);
    const open = Buffer.from(`序号,信息资源名称\n1,"${'z'.repeat(IMPORT_READ_LIMITS.recordChars + 10)}\n`);
    const long = await upload(w.platform, w.police, open, 'text/csv');
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain(`超过 ${IMPORT_READ_LIMITS.recordChars} 字符上限`);
    expect(long.body.error.message).not.toMatch(/Max Record Size|tolerated/);
  });

  it('attack: a workbook exceljs trips over answers the generic message, not "Cannot read properties"', async () => {
    const file = await testXlsx({ data: sheetOf('<row r="1"><c t="n"><v>9</v></c></row>') });
    const res = await upload(w.platform, w.police, file, XLSX, { accept: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('文件无法读取（xlsx 结构或内容无法解析）');
    expect(JSON.stringify(res.body)).not.toMatch(/Cannot read properties|undefined/);
  });
});
