import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import type { Page, PageQuery, Source } from './types.js';

interface OpenFile {
  file: string;
  signature: string;
  offset: number;
  header: string[];
  records: AsyncIterator<string[]>;
  close(): void;
}

/**
 * A folder of CSV files (UTF-8, header row), one table per file. Rows are read in file order by
 * their offset; a page resumes the open parser when it follows the previous one, otherwise the
 * file is read again from the top, skipping. A file replaced since the last page (other size or
 * time) starts over from its first row. Write files elsewhere and rename them into the folder, so
 * a half-written file is never read.
 */
export class CsvSource implements Source {
  readonly type = 'csv' as const;
  #open: OpenFile | undefined;

  constructor(private readonly dir: string) {}

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
    const stream = createReadStream(file);
    const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
    const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
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
