import { createReadStream } from 'node:fs';
import {
  type CharsetChoice,
  CharsetRefused,
  charsetNotice,
  type TextCharset,
} from '../../../platform/charset/index.js';
import type { AppError } from '../../../platform/errors/index.js';
import { checkExpandedSize, withFileZip, ZipRefused } from '../../../platform/zip/index.js';
import type { CheckedOp } from '../apply.js';
import type { Rejection } from '../errors.js';
import { HostingErrors } from '../errors.js';
import type { EncodeResult, RecordCodec } from '../records.js';
import type { LoadFormat } from '../schema.js';
import { READ_LIMITS, type ReadLimits, readRows, type SourceRows, UnreadableFile } from './readers.js';

/** Operations applied per chunk: large enough to amortize each statement, small enough to hold. */
export const CHUNK_OPS = 20_000;

export interface ScanProgress {
  rows: number;
  bytes: number;
}

export interface ScanHandlers {
  /** A chunk of checked upserts, in file order. */
  chunk(ops: CheckedOp[]): Promise<void>;
  /** A bad row: its problems and its original values. */
  reject(rejections: Rejection[], original: readonly unknown[]): Promise<void>;
  progress?(at: ScanProgress): void;
}

/** What the header row of a table says: where each item's cells are. */
function tablePlan(codec: RecordCodec, header: readonly string[], charset?: CharsetChoice): number[] {
  const problems: string[] = [];
  if (header.length === 0 || header.every((h) => h === ''))
    throw headerError('空文件或缺少表头 / empty file or no header row');
  const positions = new Array<number>(codec.columns.length).fill(-1);
  const unknown: string[] = [];
  const twice = new Set<string>();
  header.forEach((name, at) => {
    const index = codec.indexOf(name);
    if (index === -1) unknown.push(name || `#${at + 1}`);
    else if (positions[index] !== -1) twice.add(name);
    else positions[index] = at;
  });
  if (unknown.length > 0) problems.push(`未知信息项 / unknown items: ${unknown.slice(0, 10).join(', ')}`);
  if (twice.size > 0) problems.push(`重复的列 / repeated columns: ${[...twice].join(', ')}`);
  const missing = codec.keyIndexes.filter((i) => positions[i] === -1).map((i) => codec.columns[i]?.item);
  if (missing.length > 0) problems.push(`缺少关键信息项 / key items missing: ${missing.join(', ')}`);
  // Names read in the wrong encoding are mojibake: say which one was used.
  if (problems.length > 0 && charset?.charset === 'gb18030') {
    const notice = charsetNotice(charset);
    problems.push(`${notice.zh} / ${notice.en}`);
  }
  if (problems.length > 0) throw headerError(problems.join('; '));
  return positions;
}

function headerError(reason: string): AppError {
  return HostingErrors.error('EXCHANGE_UPLOAD_HEADER', { reason });
}

/** The names of the original values a reject line repeats. */
export function originalHeader(rows: SourceRows): string[] {
  return rows.kind === 'table' ? rows.header : ['record'];
}

/**
 * Reads a file once, checking every row against the resource's items: good rows reach `chunk` as
 * upserts in chunks of `CHUNK_OPS`, bad ones reach `reject`. The file is streamed; no more than a
 * chunk of rows is held at a time.
 */
export async function scanFile(
  path: string,
  format: LoadFormat,
  codec: RecordCodec,
  handlers: ScanHandlers,
  onHeader?: (header: string[], charset?: CharsetChoice) => void,
  options: { limits?: ReadLimits; declared?: TextCharset | undefined } = {},
): Promise<ScanProgress> {
  const limits = options.limits ?? READ_LIMITS;
  if (format === 'xlsx') await checkXlsx(path, limits);
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  const seen: ScanProgress = { rows: 0, bytes: 0 };
  let ops: CheckedOp[] = [];
  // A file states each record once: a row repeating an earlier row's key is refused, not allowed
  // to overwrite it silently (the keys of a file at the row limit take about 90 MB).
  const firstRows = new Map<string, number>();
  const keyItems = codec.keyIndexes.map((i) => codec.columns[i]?.item).join(', ');
  const take = async (row: number, encoded: EncodeResult, original: readonly unknown[]) => {
    if (!encoded.ok) return handlers.reject(encoded.rejections, original);
    const first = firstRows.get(encoded.record.key);
    if (first !== undefined)
      return handlers.reject(
        [{ index: row, item: keyItems, problem: 'duplicate', detail: `第 ${first} 行 / row ${first}` }],
        original,
      );
    firstRows.set(encoded.record.key, row);
    ops.push({ index: row, op: 'upsert', record: encoded.record });
  };
  // One chunk is written while the next is read and checked: the database works while we parse.
  let writing: Promise<void> | undefined;
  const flush = async () => {
    if (ops.length === 0) return;
    const chunk = ops;
    ops = [];
    await writing;
    writing = handlers.chunk(chunk);
    // Awaited at the next flush or the end; until then its failure is not unhandled.
    writing.catch(() => {});
  };
  try {
    const rows = await readRows(input, format, limits, {
      declared: options.declared,
      expected: codec.columns.map((c) => c.item),
    });
    onHeader?.(originalHeader(rows), rows.kind === 'table' ? rows.charset : undefined);
    if (rows.kind === 'table') {
      const positions = tablePlan(codec, rows.header, rows.charset);
      for await (const batch of rows.batches) {
        for (const { row, cells } of batch) {
          seen.rows += 1;
          await take(row, codec.encode(cells, row, false, positions), cells);
        }
        if (ops.length >= CHUNK_OPS) await flush();
        seen.bytes = input.bytesRead;
        handlers.progress?.(seen);
      }
    } else {
      for await (const batch of rows.batches) {
        for (const { row, record, malformed, text } of batch) {
          seen.rows += 1;
          if (!record) {
            await handlers.reject([{ index: row, problem: 'malformed', detail: malformed ?? '' }], [text]);
            continue;
          }
          const cells = codec.cellsOf(record, row);
          await take(row, cells.ok ? codec.encode(cells.cells, row) : cells, [text]);
        }
        if (ops.length >= CHUNK_OPS) await flush();
        seen.bytes = input.bytesRead;
        handlers.progress?.(seen);
      }
    }
    await flush();
    await writing;
    seen.bytes = input.bytesRead;
    handlers.progress?.(seen);
    return seen;
  } catch (error) {
    // A chunk still being written finishes (or fails) before the caller rolls back.
    await writing?.catch(() => {});
    // A bad byte in an accepted encoding makes the file unreadable; another encoding is refused as such.
    if (error instanceof CharsetRefused)
      throw error.broken
        ? HostingErrors.error(
            'EXCHANGE_UPLOAD_UNREADABLE',
            { format, reason: error.reason },
            { cause: error },
          )
        : HostingErrors.error('EXCHANGE_UPLOAD_ENCODING', { reason: error.reason }, { cause: error });
    if (error instanceof UnreadableFile)
      throw HostingErrors.error(
        'EXCHANGE_UPLOAD_UNREADABLE',
        { format, reason: error.message.slice(0, 300) },
        { cause: error.cause ?? error },
      );
    throw error;
  } finally {
    input.destroy();
  }
}

/**
 * An xlsx is a zip: a few megabytes can expand to gigabytes of sheet, shared strings exceljs
 * caches, or a temporary file it spills a sheet to. Its expanded size is counted before reading.
 */
async function checkXlsx(path: string, limits: ReadLimits): Promise<void> {
  try {
    await withFileZip(path, (zip) => checkExpandedSize(zip, limits.expandedBytes));
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error;
    throw HostingErrors.error(
      'EXCHANGE_UPLOAD_UNREADABLE',
      { format: 'xlsx', reason: error.text },
      { cause: error },
    );
  }
}
