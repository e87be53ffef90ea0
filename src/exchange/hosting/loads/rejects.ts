import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Stringifier, stringify } from 'csv-stringify';
import { REJECT_PROBLEMS, type Rejection } from '../errors.js';

/** Rejections the load's final answer lists; the reject file has them all. */
export const REJECTS_SHOWN = 100;

/**
 * The reject file of a load: one CSV line per problem — the row, the item, the problem code, what
 * is wrong (zh / en) and the row's original values — opened at the first rejection.
 */
export class RejectFile {
  #csv: Stringifier | undefined;
  #file: WriteStream | undefined;
  rows = 0;
  readonly shown: Rejection[] = [];
  #lastRow = -1;

  constructor(
    readonly path: string,
    /** Names of the original values' columns (the file's header, or `record` for NDJSON). */
    private readonly header: readonly string[],
  ) {}

  get opened(): boolean {
    return this.#csv !== undefined;
  }

  /** Adds a row's problems; `original` are its values as the file held them. */
  async add(rejections: readonly Rejection[], original: readonly unknown[]): Promise<void> {
    if (!this.#csv) {
      this.#file = createWriteStream(this.path);
      this.#csv = stringify({ bom: true });
      this.#csv.pipe(this.#file);
      this.#csv.write(['row', 'item', 'problem', 'detail', ...this.header]);
    }
    for (const r of rejections) {
      if (r.index !== this.#lastRow) {
        this.rows += 1;
        this.#lastRow = r.index;
      }
      if (this.shown.length < REJECTS_SHOWN) this.shown.push(r);
      const text = REJECT_PROBLEMS[r.problem];
      const line = [
        r.index,
        r.item ?? '',
        r.problem,
        `${text.zh} / ${text.en}: ${r.detail}`,
        ...original.map(cell),
      ];
      if (!this.#csv.write(line)) await once(this.#csv, 'drain');
    }
  }

  async close(): Promise<void> {
    if (!this.#csv || !this.#file) return;
    const done = once(this.#file, 'close');
    this.#csv.end();
    await done;
  }
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}
