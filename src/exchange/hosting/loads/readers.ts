import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import {
  type CharsetChoice,
  CharsetRefused,
  type ChooseOptions,
  decodeText,
} from '../../../platform/charset/index.js';
import type { LoadFormat } from '../schema.js';

/** Rows are handed on in batches: per-row async steps would cost more than the rows themselves. */
const BATCH_ROWS = 1_000;

/** One row of a file: its number as a spreadsheet or editor shows it (header = 1), and its cells. */
export interface TableRow {
  row: number;
  cells: unknown[];
}

/** One line of an NDJSON file: the parsed object, or why it is not one. */
export interface RecordRow {
  row: number;
  record?: Record<string, unknown>;
  malformed?: string;
  /** The line as written, for the reject file. */
  text: string;
}

/** A file's rows: tables (CSV, xlsx) start with a header row of item names; NDJSON names items per line. */
export type SourceRows =
  | {
      kind: 'table';
      header: string[];
      batches: AsyncGenerator<TableRow[]>;
      /** How a CSV's bytes were read (issue 22); none for a workbook. */
      charset?: CharsetChoice;
    }
  | { kind: 'records'; batches: AsyncGenerator<RecordRow[]> };

/**
 * Thrown when a file cannot be read as its format at all (not a row problem). The message is the
 * platform's own bilingual text; a library's raw message stays in `cause`, for the log only.
 */
export class UnreadableFile extends Error {}

/** What a file may hold beyond its byte size: a small file can expand or sprawl (issue 15). */
export interface ReadLimits {
  /** Bytes an xlsx may expand to, all its zip parts together. */
  expandedBytes: number;
  /** Rows of a table (xlsx: Excel's own limit). */
  rows: number;
  /** Columns of a table: a resource has far fewer items. */
  columns: number;
  /** Characters of an NDJSON line or a CSV record. */
  lineChars: number;
}

export const READ_LIMITS: ReadLimits = {
  expandedBytes: 256 * 1024 * 1024,
  rows: 1_048_576,
  columns: 1_000,
  lineChars: 1024 * 1024,
};

const tooManyColumns = (row: number, limit: number) =>
  new UnreadableFile(`第 ${row} 行超过 ${limit} 列上限 / row ${row} has more than ${limit} columns`);

/** A library's failure, in the platform's words: its raw message is kept as the cause only. */
function cannotRead(format: string, cause: unknown): UnreadableFile {
  return new UnreadableFile(
    `文件无法读取（${format} 结构或内容无法解析）/ the file cannot be read (its ${format} structure or content could not be parsed)`,
    { cause },
  );
}

const isBlank = (cells: readonly unknown[]) => cells.every((c) => c === null || c === undefined || c === '');

async function* batchesOf<T>(rows: AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The file's text, decoded as strict UTF-8: bytes that are not UTF-8 refuse the file, naming where,
 * instead of becoming U+FFFD in stored data unnoticed. A leading BOM is dropped.
 */
function utf8Text(input: Readable): Readable {
  async function* decode(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let offset = 0;
    const notUtf8 = () =>
      new UnreadableFile(
        `不是有效的 UTF-8 编码（第 ${offset} 字节之后）/ not valid UTF-8 after byte ${offset}`,
      );
    for await (const chunk of input) {
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        throw notUtf8();
      }
      offset += (chunk as Buffer).length;
      if (text !== '') yield text;
    }
    let last: string;
    try {
      last = decoder.decode();
    } catch {
      throw notUtf8();
    }
    if (last !== '') yield last;
  }
  return Readable.from(decode(), { objectMode: false });
}

/** Splits the header off a table's rows; an empty file has an empty header. */
async function tableOf(rows: AsyncGenerator<TableRow>): Promise<SourceRows> {
  let first = await rows.next();
  while (!first.done && isBlank(first.value.cells)) first = await rows.next();
  const header = first.done ? [] : first.value.cells.map((c) => String(c ?? '').trim());
  return { kind: 'table', header, batches: batchesOf(rows) };
}

/**
 * CSV (UTF-8 with or without BOM, or GB18030, decoded as it streams) with csv-parse's streaming
 * parser. A record's number counts records from the header (1), as a spreadsheet numbers them.
 */
async function* csvRows(text: Readable, limits: ReadLimits): AsyncGenerator<TableRow> {
  const parser = text.pipe(
    parseCsv({
      bom: true,
      relax_column_count: true,
      relax_quotes: false,
      // A record without its closing quote would otherwise grow to the end of the file in memory.
      max_record_size: limits.lineChars,
    }),
  );
  text.on('error', (error) => parser.destroy(error));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (record.length > limits.columns) throw tooManyColumns(row, limits.columns);
      if (record.length === 1 && record[0] === '') continue;
      yield { row, cells: record };
    }
  } catch (error) {
    throw error instanceof CharsetRefused ? error : csvError(error, limits);
  }
}

/** csv-parse's errors, by their code, in the platform's words (its messages are not for users). */
function csvError(error: unknown, limits: ReadLimits): UnreadableFile {
  if (error instanceof UnreadableFile) return error;
  const { code, lines } = error as { code?: string; lines?: number };
  const at = typeof lines === 'number' ? lines : 0;
  switch (code) {
    case 'CSV_MAX_RECORD_SIZE':
      return new UnreadableFile(
        `第 ${at} 行起的记录超过 ${limits.lineChars} 字符上限 / the record from line ${at} exceeds the ${limits.lineChars}-character limit`,
        { cause: error },
      );
    case 'CSV_QUOTE_NOT_CLOSED':
      return new UnreadableFile(`第 ${at} 行的引号未闭合 / a quote opened by line ${at} is never closed`, {
        cause: error,
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new UnreadableFile(`第 ${at} 行的引号用法有误 / line ${at} misuses a quote`, { cause: error });
    default:
      return cannotRead('CSV', error);
  }
}

/** A cell as exceljs gives it, as the text or number the codec checks. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    // Excel keeps wall-clock time without a zone; exceljs hands it over as if UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return cellValue(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** The first worksheet of a workbook, with exceljs's streaming reader (no object model in memory). */
async function* xlsxRows(input: Readable, limits: ReadLimits): AsyncGenerator<TableRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Dates are numbers with a date format: without the styles they would read as serial numbers.
    styles: 'cache',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        if (row.number > limits.rows)
          throw new UnreadableFile(
            `超过 ${limits.rows} 行上限（第 ${row.number} 行）/ more than ${limits.rows} rows (row ${row.number})`,
          );
        const values = Array.isArray(row.values) ? row.values : [];
        if (values.length - 1 > limits.columns) throw tooManyColumns(row.number, limits.columns);
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(cellValue(values[i] as ExcelJS.CellValue));
        if (!isBlank(cells)) yield { row: row.number, cells };
      }
      // Only the first sheet holds data; the rest of the file is not read.
      break;
    }
  } catch (error) {
    throw error instanceof UnreadableFile ? error : cannotRead('xlsx', error);
  } finally {
    input.destroy();
  }
}

/**
 * NDJSON: one JSON object a line, split as the bytes arrive. A line is gathered as a list of
 * pieces and joined once it ends, so a long line costs linear time; one past `lineChars` refuses
 * the file, naming it, as soon as it grows past the limit.
 */
async function* ndjsonRows(input: Readable, limits: ReadLimits): AsyncGenerator<RecordRow[]> {
  let pieces: string[] = [];
  let pending = 0;
  let row = 0;
  let batch: RecordRow[] = [];
  const take = (line: string) => {
    row += 1;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return;
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value))
        batch.push({ row, record: value as Record<string, unknown>, text });
      else batch.push({ row, malformed: 'a JSON object expected', text });
    } catch (error) {
      batch.push({ row, malformed: (error as Error).message.slice(0, 200), text });
    }
  };
  const tooLong = () =>
    new UnreadableFile(
      `第 ${row + 1} 行超过 ${limits.lineChars} 字符上限 / line ${row + 1} exceeds the ${limits.lineChars}-character limit`,
    );
  for await (const chunk of utf8Text(input)) {
    // Whole characters: the decoder's strings arrive re-encoded, one or more to a chunk.
    const text = String(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (pending + end - start > limits.lineChars + 1) throw tooLong();
      pieces.push(text.slice(start, end));
      take(pieces.length === 1 ? (pieces[0] as string) : pieces.join(''));
      pieces = [];
      pending = 0;
      start = end + 1;
    }
    if (start < text.length) {
      pending += text.length - start;
      if (pending > limits.lineChars + 1) throw tooLong();
      pieces.push(text.slice(start));
    }
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (pending > 0) take(pieces.join(''));
  if (batch.length > 0) yield batch;
}

/**
 * The rows of a file in the given format, read as the stream delivers it. A CSV is read in the
 * charset declared, or the one recognized (`charset` says which); a charset that cannot be
 * accepted throws `CharsetRefused`.
 */
export async function readRows(
  input: Readable,
  format: LoadFormat,
  limits: ReadLimits = READ_LIMITS,
  charset: ChooseOptions = {},
): Promise<SourceRows> {
  switch (format) {
    case 'csv': {
      const decoded = await decodeText(input, charset);
      const text = Readable.from(decoded.text, { objectMode: false });
      const table = await tableOf(csvRows(text, limits));
      return { ...table, charset: decoded.choice } as SourceRows;
    }
    case 'xlsx':
      return tableOf(xlsxRows(input, limits));
    case 'ndjson':
      return { kind: 'records', batches: ndjsonRows(input, limits) };
  }
}
