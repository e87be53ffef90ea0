import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bufferZip, checkExpandedSize, ZipRefused } from './expanded.js';
import { testXlsx } from './test-zip.js';

async function refusal(run: Promise<unknown>): Promise<ZipRefused> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZipRefused);
  return error as ZipRefused;
}

describe('the expanded size of a zip is counted before it is read (issue 15)', () => {
  it('counts what an exceljs workbook really expands to, and accepts it under the limit', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    for (let i = 0; i < 2_000; i += 1) sheet.addRow(['同一段重复的文字 the same repeated text', i]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const expanded = await checkExpandedSize(bufferZip(file), 64 * 1024 * 1024);
    expect(expanded).toBeGreaterThan(file.length * 3);
  });

  it('attack: shared strings compress well — a small workbook expanding past the limit is refused', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    for (let i = 0; i < 20_000; i += 1) sheet.addRow(['x'.repeat(40), 'y'.repeat(40), 'z'.repeat(40)]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const error = await refusal(checkExpandedSize(bufferZip(file), file.length * 4));
    expect(error.reason).toBe('expanded');
    expect(error.text.zh).toMatch(/解压后超过 \d+ 字节上限/);
    expect(error.text.en).toMatch(/expands past the \d+-byte limit/);
  });

  it('attack: a 40 MB sheet in a file of a few dozen KB stops at the limit, not at its end', async () => {
    const file = await testXlsx({ repeat: { chunk: Buffer.alloc(1 << 20, '<row/>'), times: 40 } });
    expect(file.length).toBeLessThan(200_000);
    const error = await refusal(checkExpandedSize(bufferZip(file), 4 << 20));
    expect(error.reason).toBe('expanded');
  });

  it('attack: junk between parts (entries a streaming reader sees but the directory hides) is refused', async () => {
    const file = await testXlsx({ data: '<worksheet/>' }, { gap: 64 });
    const error = await refusal(checkExpandedSize(bufferZip(file), 1 << 20));
    expect(error.reason).toBe('malformed');
    expect(error.text.en).toContain('parts overlap or leave gaps');
  });

  it('a file that is not a zip is refused as malformed, in the platform own words', async () => {
    const error = await refusal(
      checkExpandedSize(bufferZip(Buffer.from('PK but not really a zip')), 1 << 20),
    );
    expect(error.text).toEqual({ zh: '不是 ZIP 文件', en: 'not a zip file' });
  });
});
