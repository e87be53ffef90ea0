import { parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/errors/index.js';
import { CSV_SHEET, ERROR_COLUMN_HEADER } from './columns.js';
import { type ImportProblem, messageOf } from './problems.js';
import type { SourceKind } from './read.js';

const BAD_CELL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const BAD_TEXT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };

/**
 * The uploaded file returned with its mistakes marked: each bad cell filled red with the reasons
 * as its comment, and a 错误说明 column after the last column of every sheet that has errors,
 * listing each row's problems (the ones no single cell is to blame for included). A CSV comes
 * back as a workbook of one sheet, since CSV cannot carry colour or comments.
 */
export async function errorReportXlsx(
  upload: Buffer,
  kind: SourceKind,
  problems: readonly ImportProblem[],
  locale: Locale,
): Promise<Buffer> {
  const workbook = kind === 'csv' ? csvWorkbook(upload) : await loadWorkbook(upload);
  const bySheet = new Map<string, ImportProblem[]>();
  for (const problem of problems)
    bySheet.set(problem.sheet, [...(bySheet.get(problem.sheet) ?? []), problem]);
  for (const [name, list] of bySheet) {
    const sheet = workbook.getWorksheet(name) ?? workbook.addWorksheet(name);
    markSheet(sheet, list, locale);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function loadWorkbook(upload: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its load() argument as its own Buffer interface.
  await workbook.xlsx.load(upload as unknown as ExcelJS.Buffer);
  return workbook;
}

function csvWorkbook(upload: Buffer): ExcelJS.Workbook {
  const records = parseCsvSync(upload, { bom: true, relax_column_count: true }) as string[][];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(CSV_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const record of records) sheet.addRow(record);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return workbook;
}

function markSheet(sheet: ExcelJS.Worksheet, problems: ImportProblem[], locale: Locale): void {
  const lastColumn = Math.max(sheet.getRow(1).cellCount, sheet.columnCount, 1);
  const errorColumn = lastColumn + 1;
  const header = sheet.getCell(1, errorColumn);
  header.value = ERROR_COLUMN_HEADER;
  header.font = { bold: true, color: { argb: 'FF9C0006' } };
  header.fill = BAD_CELL;
  sheet.getColumn(errorColumn).width = 60;

  const byCell = new Map<string, string[]>();
  const byRow = new Map<number, string[]>();
  for (const problem of problems) {
    const message = messageOf(problem, locale);
    byRow.set(problem.row, [
      ...(byRow.get(problem.row) ?? []),
      problem.header ? `【${problem.header}】${message}` : message,
    ]);
    if (problem.column === undefined) continue;
    const key = `${problem.row}:${problem.column}`;
    byCell.set(key, [...(byCell.get(key) ?? []), message]);
  }
  for (const [key, messages] of byCell) {
    const [row, column] = key.split(':').map(Number) as [number, number];
    const cell = sheet.getCell(row, column);
    cell.fill = BAD_CELL;
    cell.font = BAD_TEXT;
    cell.note = messages.join('\n');
  }
  for (const [row, messages] of byRow) {
    const cell = sheet.getCell(row, errorColumn);
    cell.value = messages.join('\n');
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = BAD_TEXT;
  }
}
