import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  type CharsetChoice,
  CharsetRefused,
  charsetNotice,
  decodeText,
  type TextCharset,
} from '../../platform/charset/index.js';
import { MappingError } from '../status.js';
import type { Page, PageQuery, Source } from './types.js';

export interface CsvOptions {
  /** The files' declared encoding; none: each file's is recognized (UTF-8 or GB18030). */
  encoding?: TextCharset | undefined;
  /** Told how each file (each new version of it) is read: 「已按 GB18030 编码读取」. */
  onCharset?: (file: string, choice: CharsetChoice, notice: string) => void;
}

interface OpenFile {
  file: string;
  signature: string;
  offset: number;
  header: string[];
  records: AsyncIterator<string[]>;
  close(): void;
}

/**
 * A folder of CSV files (UTF-8 with or without BOM, or GB18030 as Excel on a Chinese Windows
 * saves them; header row), one table per file. A file's encoding is the configured one, or
 * recognized from its first bytes, and its text is decoded as it is read. Rows are read in file order by
 * their offset; a page resumes the open parser when it follows the previous one, otherwise the
 * file is read again from the top, skipping. A file replaced since the last page (other size or
 * time) starts over from its first row. Write files elsewhere and rename them into the folder, so
 * a half-written file is never read.
 */
export class CsvSource implements Source {
  readonly type = 'csv' as const;
  #open: OpenFile | undefined;
  /** The version of each file whose encoding was last reported, so each is reported once. */
  #told = new Map<string, string>();

  constructor(
    private readonly dir: string,
    private readonly options: CsvOptions = {},
  ) {}

  async #signature(file: string): Promise<string | undefined> {
    try {
      const s = await stat(file);
      return `${s.size}:${Math.floor(s.mtimeMs)}`;
    } catch {
      return undefined;
    }
  }

  async #openAt(file: string, signature: string, offset: number): Promise<OpenFile> {
    this.#open?.close();
    this.#open = undefined;
    const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
    let decoded: Awaited<ReturnType<typeof decodeText>>;
    try {
      decoded = await decodeText(stream, { declared: this.options.encoding });
    } catch (error) {
      stream.destroy();
      throw refused(file, error);
    }
    if (this.#told.get(file) !== signature) {
      this.#told.set(file, signature);
      const notice = charsetNotice(decoded.choice);
      this.options.onCharset?.(file, decoded.choice, `${notice.zh} / ${notice.en}`);
    }
    const text = Readable.from(decoded.text, { objectMode: false });
    const parser = text.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
    text.on('error', (error) => parser.destroy(error));
    const records = readable(parser[Symbol.asyncIterator]() as AsyncIterator<string[]>, file);
    const first = await records.next();
    const header = first.done ? [] : first.value.map((h) => h.trim());
    const open: OpenFile = {
      file,
      signature,
      offset: 0,
      header,
      records,
      close: () => {
        parser.destroy();
        text.destroy();
        stream.destroy();
      },
    };
    while (open.offset < offset) {
      const next = await records.next();
      if (next.done) break;
      open.offset += 1;
    }
    this.#open = open;
    return open;
  }

  async columns(table: string): Promise<string[] | undefined> {
    const file = join(this.dir, table);
    const signature = await this.#signature(file);
    if (!signature) return undefined;
    const open = await this.#openAt(file, signature, 0);
    return open.header;
  }

  async page(query: PageQuery): Promise<Page> {
    const file = join(this.dir, query.table);
    const signature = await this.#signature(file);
    if (!signature) throw new Error(`CSV 文件不存在 / no such CSV file: ${file}`);
    const [afterOffset, afterSignature] = query.after ?? [0, signature];
    const offset = afterSignature === signature ? Number(afterOffset) : 0;
    let open = this.#open;
    if (!open || open.file !== file || open.signature !== signature || open.offset !== offset)
      open = await this.#openAt(file, signature, offset);
    const index = query.columns.map((c) => open.header.indexOf(c));
    const rows: unknown[][] = [];
    while (rows.length < query.limit) {
      const next = await open.records.next();
      if (next.done) break;
      open.offset += 1;
      rows.push(index.map((i) => (i < 0 ? null : (next.value[i] ?? null))));
    }
    return { rows, next: rows.length > 0 ? [open.offset, signature] : undefined };
  }

  async close(): Promise<void> {
    this.#open?.close();
    this.#open = undefined;
  }
}

/** A file refused for its encoding: a problem of the file, named with it, that retrying will not fix. */
function refused(file: string, error: unknown): unknown {
  if (!(error instanceof CharsetRefused)) return error;
  return new MappingError([`${file}: ${error.reason.zh} / ${error.reason.en}`]);
}

/** The records of a file, a bad byte further on refusing it as `refused` does. */
function readable(records: AsyncIterator<string[]>, file: string): AsyncIterator<string[]> {
  return {
    next: async () => {
      try {
        return await records.next();
      } catch (error) {
        throw refused(file, error);
      }
    },
  };
}
