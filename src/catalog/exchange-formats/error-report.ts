import { PassThrough, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/errors/index.js';
import { CSV_SHEET, ERROR_COLUMN_HEADER } from './columns.js';
import { CatalogFormatErrors } from './errors.js';
import { type ImportProblem, messageOf } from './problems.js';
import type { SourceKind } from './read.js';

const BAD_CELL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const BAD_TEXT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
/** Excel's last column (XFD): the 错误说明 column must fit after the sheet's own. */
const EXCEL_COLUMNS = 16_384;
/** Problems marked in the report; the import's answer and the report list say how many there are. */
export const MARKED_PROBLEMS = 10_000;

/** One row of the upload as read, its values by 1-based column (index 0 unused). */
interface SourceRow {
  number: number;
  values: ExcelJS.CellValue[];
}

interface SourceSheet {
  name: string;
  rows: AsyncIterable<SourceRow>;
}

/** What is written for one sheet: the problems per row and per cell, and where 错误说明 goes. */
interface SheetMarks {
  byRow: Map<number, string[]>;
  byCell: Map<number, Map<number, string[]>>;
  errorColumn: number;
}

/**
 * The uploaded file returned with its mistakes marked: each bad cell filled red with the reasons
 * as its comment, and a 错误说明 column after the last column of every sheet that has errors,
 * listing each row's problems (the ones no single cell is to blame for included). A CSV comes
 * back as a workbook of one sheet, since CSV cannot carry colour or comments.
 *
 * The upload is read twice as a stream (first for each sheet's width) and the report written
 * as a stream: neither is ever held as a workbook in memory (issue 15). At most
 * `MARKED_PROBLEMS` problems are marked. Failures found before the first byte (a sheet too wide
 * for the 错误说明 column) are errors of the request; later ones break off the download.
 */
export async function errorReportXlsx(
  upload: Buffer,
  kind: SourceKind,
  problems: readonly ImportProblem[],
  locale: Locale,
): Promise<Readable> {
  const sheets = () => (kind === 'csv' ? csvSheets(upload) : xlsxSheets(upload));
  const widths = new Map<string, number>();
  for await (const sheet of sheets()) {
    let width = widths.get(sheet.name) ?? 0;
    for await (const row of sheet.rows) width = Math.max(width, row.values.length - 1);
    widths.set(sheet.name, width);
  }
  const marked = problems.slice(0, MARKED_PROBLEMS);
  const marks = new Map<string, SheetMarks>();
  for (const problem of marked) {
    let sheet = marks.get(problem.sheet);
    if (!sheet) {
      const errorColumn = Math.max(widths.get(problem.sheet) ?? 0, 1) + 1;
      if (errorColumn > EXCEL_COLUMNS)
        throw CatalogFormatErrors.error('CATALOG_IMPORT_UNREADABLE', {
          reason: {
            zh: `工作表「${problem.sheet}」已有 ${EXCEL_COLUMNS} 列，放不下错误说明列`,
            en: `sheet "${problem.sheet}" already has ${EXCEL_COLUMNS} columns; the error column does not fit`,
          },
        });
      sheet = { byRow: new Map(), byCell: new Map(), errorColumn };
      marks.set(problem.sheet, sheet);
    }
    const message = messageOf(problem, locale);
    push(sheet.byRow, problem.row, problem.header ? `【${problem.header}】${message}` : message);
    if (problem.column !== undefined) {
      const cells = sheet.byCell.get(problem.row) ?? new Map<number, string[]>();
      sheet.byCell.set(problem.row, cells);
      push(cells, problem.column, message);
    }
  }
  const header =
    problems.length > marked.length
      ? `${ERROR_COLUMN_HEADER}（共 ${problems.length} 处，仅标出前 ${marked.length} 处 / ${problems.length} problems, the first ${marked.length} marked）`
      : ERROR_COLUMN_HEADER;

  const out = new PassThrough();
  const write = async () => {
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const written = new Set<string>();
    for await (const sheet of sheets()) {
      if (written.has(sheet.name)) {
        // The streaming reader moves on only once a sheet is read through.
        for await (const _ of sheet.rows);
        continue;
      }
      written.add(sheet.name);
      await writeSheet(writer, sheet, marks.get(sheet.name), header, kind === 'csv');
    }
    // Problems of sheets the upload lacks (a missing sheet) get a sheet of their own.
    for (const [name, sheet] of marks)
      if (!written.has(name)) await writeSheet(writer, { name, rows: none() }, sheet, header, false);
    await writer.commit();
  };
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

function push<K>(map: Map<K, string[]>, key: K, text: string): void {
  const list = map.get(key);
  if (list) list.push(text);
  else map.set(key, [text]);
}

async function* none(): AsyncGenerator<SourceRow> {}

async function writeSheet(
  writer: ExcelJS.stream.xlsx.WorkbookWriter,
  source: SourceSheet,
  marks: SheetMarks | undefined,
  header: string,
  csv: boolean,
): Promise<void> {
  const sheet = writer.addWorksheet(source.name, csv ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
  if (csv) for (let c = 1; c < (marks?.errorColumn ?? 2); c += 1) sheet.getColumn(c).width = 16;
  if (marks) sheet.getColumn(marks.errorColumn).width = 60;
  // Rows with problems but nothing in the upload (and the header row) are written in their place.
  const extra = marks ? [...new Set([1, ...marks.byRow.keys()])].sort((a, b) => a - b) : [];
  let next = 0;
  const emit = (number: number, values: ExcelJS.CellValue[]) => {
    const row = sheet.getRow(number);
    for (let c = 1; c < values.length; c += 1) {
      const value = plain(values[c]);
      if (value !== null && value !== undefined) row.getCell(c).value = value;
    }
    if (csv && number === 1) row.font = { bold: true };
    if (marks) mark(row, number, marks, header);
    row.commit();
  };
  for await (const row of source.rows) {
    while (next < extra.length && (extra[next] as number) < row.number) emit(extra[next++] as number, []);
    if (extra[next] === row.number) next += 1;
    emit(row.number, row.values);
  }
  while (next < extra.length) emit(extra[next++] as number, []);
  sheet.commit();
}

function mark(row: ExcelJS.Row, number: number, marks: SheetMarks, header: string): void {
  if (number === 1) {
    const cell = row.getCell(marks.errorColumn);
    cell.value = header;
    cell.font = { bold: true, color: { argb: 'FF9C0006' } };
    cell.fill = BAD_CELL;
  }
  for (const [column, messages] of marks.byCell.get(number) ?? []) {
    const cell = row.getCell(column);
    cell.fill = BAD_CELL;
    cell.font = BAD_TEXT;
    cell.note = messages.join('\n');
  }
  const messages = marks.byRow.get(number);
  if (messages) {
    const cell = row.getCell(marks.errorColumn);
    cell.value = messages.join('\n');
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = BAD_TEXT;
  }
}

/** A value the streaming writer can write: formulas as their results (shared ones need their master). */
function plain(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value)
      return ((value as { result?: ExcelJS.CellValue }).result ?? null) as ExcelJS.CellValue;
    if ('hyperlink' in value) return (value as { text?: ExcelJS.CellValue }).text ?? null;
  }
  return value;
}

async function* xlsxSheets(upload: Buffer): AsyncGenerator<SourceSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([upload]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name: string }).name;
    yield {
      name,
      rows: (async function* () {
        for await (const row of worksheet)
          yield { number: row.number, values: Array.isArray(row.values) ? row.values : [] };
      })(),
    };
  }
}

async function* csvSheets(upload: Buffer): AsyncGenerator<SourceSheet> {
  const parser = Readable.from([upload]).pipe(parseCsv({ bom: true, relax_column_count: true }));
  yield {
    name: CSV_SHEET,
    rows: (async function* () {
      let number = 0;
      for await (const record of parser as AsyncIterable<string[]>) {
        number += 1;
        yield { number, values: [null, ...record] };
      }
    })(),
  };
}
