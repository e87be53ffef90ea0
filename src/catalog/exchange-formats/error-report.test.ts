import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.js';
import { errorReportXlsx, MARKED_PROBLEMS } from './error-report.js';
// Registers the catalogue's codes the problems are rendered with.
import './errors.js';
import type { ImportProblem } from './problems.js';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(
    stream,
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk as Buffer);
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}

const problem = (row: number, column?: number): ImportProblem => ({
  sheet: 'CSV',
  row,
  ...(column === undefined ? {} : { column }),
  code: 'CATALOG_IMPORT_SEQ_MISSING',
  params: { header: '序号' },
});

describe('the import error report is streamed and bounded (issue 15)', () => {
  it('attack: a file with more problems than the cap marks only the first ones and says so', async () => {
    const rows = MARKED_PROBLEMS + 500;
    const csv = Buffer.from(`序号,名称\n${',x\n'.repeat(rows)}`);
    const problems = Array.from({ length: rows }, (_, i) => problem(i + 2, 1));
    const file = await collect(await errorReportXlsx(csv, 'csv', problems, 'zh-CN'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('CSV');
    expect(String(sheet?.getCell(1, 3).value)).toContain(`仅标出前 ${MARKED_PROBLEMS} 处`);
    expect(sheet?.getCell(2, 1).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(String(sheet?.getCell(MARKED_PROBLEMS + 1, 3).value)).toContain('序号');
    expect(sheet?.getCell(MARKED_PROBLEMS + 2, 3).value ?? null).toBeNull();
    expect(sheet?.getCell(MARKED_PROBLEMS + 2, 2).value).toBe('x');
  }, 60_000);

  it('attack: a sheet already 16,384 columns wide gets a 400, not a 500 from exceljs', async () => {
    const csv = Buffer.from(`${Array.from({ length: 16_384 }, (_, i) => `c${i}`).join(',')}\n1\n`);
    const error = await errorReportXlsx(csv, 'csv', [problem(2, 1)], 'en').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).localized('en')).toContain('already has 16384 columns');
  });
});
