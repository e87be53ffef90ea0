import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
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
  | { kind: 'table'; header: string[]; batches: AsyncGenerator<TableRow[]> }
  | { kind: 'records'; batches: AsyncGenerator<RecordRow[]> };

/** Thrown when a file cannot be read as its format at all (not a row problem). */
export class UnreadableFile extends Error {}

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
 * CSV (UTF-8, optional BOM) with csv-parse's streaming parser. A record's number counts records
 * from the header (1), as a spreadsheet opening the file numbers them.
 */
async function* csvRows(input: Readable): AsyncGenerator<TableRow> {
  const text = utf8Text(input);
  const parser = text.pipe(parseCsv({ bom: true, relax_column_count: true, relax_quotes: false }));
  text.on('error', (error) => parser.destroy(error));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (record.length === 1 && record[0] === '') continue;
      yield { row, cells: record };
    }
  } catch (error) {
    throw new UnreadableFile((error as Error).message);
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
async function* xlsxRows(input: Readable): AsyncGenerator<TableRow> {
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
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(cellValue(values[i] as ExcelJS.CellValue));
        if (!isBlank(cells)) yield { row: row.number, cells };
      }
      // Only the first sheet holds data; the rest of the file is not read.
      break;
    }
  } catch (error) {
    throw new UnreadableFile((error as Error).message);
  } finally {
    input.destroy();
  }
}

/** NDJSON: one JSON object a line, split as the bytes arrive. */
async function* ndjsonRows(input: Readable): AsyncGenerator<RecordRow[]> {
  let rest = '';
  let row = 0;
  let batch: RecordRow[] = [];
  const take = (line: string) => {
    row += 1;
    const text = line;
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
  for await (const chunk of utf8Text(input)) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      take(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
      start = end + 1;
    }
    rest = text.slice(start);
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (rest !== '') take(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  if (batch.length > 0) yield batch;
}

/** The rows of a file in the given format, read as the stream delivers it. */
export async function readRows(input: Readable, format: LoadFormat): Promise<SourceRows> {
  switch (format) {
    case 'csv':
      return tableOf(csvRows(input));
    case 'xlsx':
      return tableOf(xlsxRows(input));
    case 'ndjson':
      return { kind: 'records', batches: ndjsonRows(input) };
  }
}
