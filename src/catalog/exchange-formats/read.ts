import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { CharsetRefused, decodeBuffer } from '../../platform/charset/index.js';
import { AppError, type LocalizedParam } from '../../platform/errors/index.js';
import { bufferZip, checkExpandedSize, ZipRefused } from '../../platform/zip/index.js';
import { CODE_SHEET, CSV_SHEET, GUIDE_SHEET, normalizeHeader } from './columns.js';
import { CatalogFormatErrors } from './errors.js';

/** One sheet as read from a file: header positions and every non-empty data row, cells as text. */
export interface SheetRows {
  name: string;
  /** Normalized header text → 1-based column index. */
  headers: Map<string, number>;
  /** Row 1's header cells as written, by 1-based index (for error locations). */
  headerCells: string[];
  rows: { number: number; cells: string[] }[];
}

export type SourceKind = 'xlsx' | 'csv';

/** Reports how many rows have been read so far (for the import's progress stream). */
export type RowsRead = (rows: number) => void;

const PROGRESS_EVERY = 500;

/**
 * What an import file may hold beyond its byte size (issue 15): a 20 MB xlsx can expand to
 * gigabytes, and every kept cell is held in memory until the import is checked.
 */
export interface ImportReadLimits {
  /** Bytes an xlsx may expand to, all its zip parts together. */
  expandedBytes: number;
  /** Data rows of all sheets together. */
  rows: number;
  /** Columns of a sheet: the template has a few dozen; the error report adds one. */
  columns: number;
  /** Characters of all kept cells together. */
  chars: number;
  /** Characters of one CSV record. */
  recordChars: number;
}

export const IMPORT_READ_LIMITS: ImportReadLimits = {
  expandedBytes: 128 * 1024 * 1024,
  rows: 100_000,
  columns: 1_000,
  chars: 64 * 1024 * 1024,
  recordChars: 1024 * 1024,
};

/** Why the file cannot be read, in each language; a string only where a platform library words it so. */
const unreadable = (reason: LocalizedParam, cause?: unknown) =>
  CatalogFormatErrors.error(
    'CATALOG_IMPORT_UNREADABLE',
    { reason },
    cause === undefined ? undefined : { cause },
  );

/** Counts rows, columns and characters as they are read, refusing the file past the limits. */
class Budget {
  rows = 0;
  chars = 0;
  constructor(private readonly limits: ImportReadLimits) {}

  columns(sheet: string, row: number, count: number): void {
    if (count > this.limits.columns)
      throw unreadable({
        zh: `${sheet} 第 ${row} 行超过 ${this.limits.columns} 列上限`,
        en: `${sheet} row ${row} has more than ${this.limits.columns} columns`,
      });
  }

  keep(cells: readonly string[]): void {
    this.rows += 1;
    if (this.rows > this.limits.rows)
      throw unreadable({ zh: `超过 ${this.limits.rows} 行上限`, en: `more than ${this.limits.rows} rows` });
    for (const cell of cells) this.chars += cell ? cell.length : 0;
    if (this.chars > this.limits.chars)
      throw unreadable({
        zh: `单元格文字超过 ${this.limits.chars} 字符上限`,
        en: `the cells hold more than ${this.limits.chars} characters`,
      });
  }
}

/** A library's failure, in the platform's words: its raw message is kept as the cause only. */
function cannotRead(format: string, cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  return unreadable(
    {
      zh: `文件无法读取（${format} 结构或内容无法解析）`,
      en: `the file cannot be read (its ${format} structure or content could not be parsed)`,
    },
    cause,
  );
}

/** The text of a cell whatever Excel stored: shared/rich text, formulas' results, hyperlinks, numbers. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value).trim();
}

/**
 * A cell's text must be storable exactly as checked on both databases: NUL (refused by PostgreSQL)
 * and lone surrogates (replaced by both) make the file unreadable, naming the cell: its column's
 * header where the header row has been read, and its position.
 */
function wellFormed(cells: readonly string[], sheet: string, row: number, headers?: readonly string[]): void {
  for (let i = 0; i < cells.length; i += 1) {
    const text = cells[i];
    if (text && (text.includes('\0') || !text.isWellFormed())) {
      const header = headers?.[i]?.isWellFormed() ? headers[i] : undefined;
      throw CatalogFormatErrors.error('CATALOG_IMPORT_UNREADABLE', {
        reason: {
          zh: `${sheet} 第 ${row} 行${header ? `「${header}」列（第 ${i} 列）` : `第 ${i} 列`}含空字符（U+0000）或不完整的 Unicode 字符`,
          en: `row ${row} column ${i}${header ? ` (${header})` : ''} contains NUL or ill-formed Unicode`,
        },
      });
    }
  }
}

/**
 * A CSV's text: UTF-8 (with or without BOM), or GB18030 as Excel on a Chinese Windows saves it,
 * recognized from the bytes (issue 22). Bytes in neither are refused, naming the encoding they
 * look like; never read as U+FFFD.
 */
function csvText(data: Buffer): string {
  try {
    return decodeBuffer(data).text;
  } catch (error) {
    if (!(error instanceof CharsetRefused)) throw error;
    throw CatalogFormatErrors.error('CATALOG_IMPORT_UNREADABLE', { reason: error.reason }, { cause: error });
  }
}

function sheetFrom(name: string, headerCells: string[]): SheetRows {
  const headers = new Map<string, number>();
  headerCells.forEach((text, index) => {
    const key = normalizeHeader(text ?? '');
    if (key && !headers.has(key)) headers.set(key, index);
  });
  return { name, headers, headerCells, rows: [] };
}

/**
 * Reads a workbook with exceljs's streaming reader, so that a large filing does not sit in memory
 * as an object model: only the cell text of each row is kept. The 说明 sheet is skipped.
 */
export async function readWorkbook(
  data: Buffer,
  onRows?: RowsRead,
  limits: ImportReadLimits = IMPORT_READ_LIMITS,
): Promise<SheetRows[]> {
  try {
    await checkExpandedSize(bufferZip(data), limits.expandedBytes);
  } catch (error) {
    if (error instanceof ZipRefused) throw unreadable(error.text, error);
    throw error;
  }
  const budget = new Budget(limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const sheets: SheetRows[] = [];
  let count = 0;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      // The guide and code sheets are read through (the zip stream must be drained) and ignored.
      const skipped = name === GUIDE_SHEET || name === CODE_SHEET;
      let sheet: SheetRows | undefined;
      for await (const row of worksheet) {
        if (skipped) continue;
        const values = Array.isArray(row.values) ? row.values : [];
        budget.columns(name, row.number, values.length - 1);
        const cells: string[] = [];
        for (let i = 1; i < values.length; i += 1) cells[i] = cellText(values[i] as ExcelJS.CellValue);
        wellFormed(cells, name, row.number, sheet?.headerCells);
        if (!sheet) {
          // The first row that has anything in it is the header row (row 1 in the template).
          if (cells.every((c) => !c)) continue;
          sheet = sheetFrom(name, cells);
          continue;
        }
        if (cells.every((c) => !c)) continue;
        budget.keep(cells);
        sheet.rows.push({ number: row.number, cells });
        count += 1;
        if (onRows && count % PROGRESS_EVERY === 0) onRows(count);
      }
      if (!skipped) sheets.push(sheet ?? sheetFrom(name, []));
    }
  } catch (error) {
    throw cannotRead('xlsx', error);
  }
  onRows?.(count);
  return sheets;
}

/** Reads a CSV (UTF-8, optionally with a BOM, or GB18030) into one sheet. */
export async function readCsv(
  data: Buffer,
  onRows?: RowsRead,
  limits: ImportReadLimits = IMPORT_READ_LIMITS,
): Promise<SheetRows[]> {
  const parser = Readable.from([csvText(data)]).pipe(
    parseCsv({
      bom: true,
      info: true,
      relax_column_count: true,
      trim: true,
      max_record_size: limits.recordChars,
    }),
  );
  const budget = new Budget(limits);
  let sheet: SheetRows | undefined;
  let count = 0;
  let records = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[] }>) {
      // 1-based cells, as in a worksheet, so that column letters line up.
      budget.columns(CSV_SHEET, records + 1, record.record.length);
      const cells = ['', ...record.record.map((c) => c ?? '')];
      wellFormed(cells, CSV_SHEET, records + 1, sheet?.headerCells);
      if (!sheet) {
        sheet = sheetFrom(CSV_SHEET, cells);
        records = 1;
        continue;
      }
      records += 1;
      if (cells.every((c) => !c)) continue;
      budget.keep(cells);
      // The record's position (header = 1) is the row a spreadsheet shows when it opens the file,
      // and the row of the error report built from it; quoted line breaks do not shift it.
      sheet.rows.push({ number: records, cells });
      count += 1;
      if (onRows && count % PROGRESS_EVERY === 0) onRows(count);
    }
  } catch (error) {
    throw csvError(error, limits);
  }
  onRows?.(count);
  return [sheet ?? sheetFrom(CSV_SHEET, [])];
}

/** csv-parse's errors, by their code, in the platform's words (its messages are not for users). */
function csvError(error: unknown, limits: ImportReadLimits): AppError {
  if (error instanceof AppError) return error;
  const { code, lines } = error as { code?: string; lines?: number };
  switch (code) {
    case 'CSV_MAX_RECORD_SIZE':
      return unreadable(
        {
          zh: `第 ${lines} 行起的记录超过 ${limits.recordChars} 字符上限`,
          en: `the record from line ${lines} exceeds the ${limits.recordChars}-character limit`,
        },
        error,
      );
    case 'CSV_QUOTE_NOT_CLOSED':
      return unreadable(
        { zh: `第 ${lines} 行的引号未闭合`, en: `a quote opened by line ${lines} is never closed` },
        error,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return unreadable({ zh: `第 ${lines} 行的引号用法有误`, en: `line ${lines} misuses a quote` }, error);
    default:
      return cannotRead('CSV', error);
  }
}
