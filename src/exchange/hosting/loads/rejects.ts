import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Stringifier, stringify } from 'csv-stringify';

import { HostingErrors, REJECT_PROBLEMS, type Rejection } from '../errors.js';

/** Rejections the load's final answer lists; the reject file has them all. */
export const REJECTS_SHOWN = 100;

/**
 * How much a reject file may hold. Each line repeats its row's original values, so a file of bad
 * rows is about as large as the upload; past these a load stops instead of filling the disk.
 */
export interface RejectLimits {
  rows: number;
  bytes: number;
}

export const REJECT_LIMITS: RejectLimits = { rows: 100_000, bytes: 256 * 1024 * 1024 };

/**
 * The reject file of a load: one CSV line per rejected row — the row, its bad items, problem
 * codes and what is wrong (zh / en), joined with `; `, then the row's original values once —
 * opened at the first rejection.
 */
export class RejectFile {
  #csv: Stringifier | undefined;
  #file: WriteStream | undefined;
  rows = 0;
  #bytes = 0;
  readonly shown: Rejection[] = [];

  constructor(
    readonly path: string,
    /** Names of the original values' columns (the file's header, or `record` for NDJSON). */
    private readonly header: readonly string[],
    private readonly limits: RejectLimits = REJECT_LIMITS,
  ) {}

  get opened(): boolean {
    return this.#csv !== undefined;
  }

  /**
   * Adds a row's problems; `original` are its values as the file held them. Past the limits it
   * throws EXCHANGE_UPLOAD_TOO_MANY_REJECTS: the file keeps the rows written so far.
   */
  async add(rejections: readonly Rejection[], original: readonly unknown[]): Promise<void> {
    if (!this.#csv) {
      this.#file = createWriteStream(this.path);
      this.#csv = stringify({ bom: true });
      this.#csv.pipe(this.#file);
      this.#csv.write(['row', 'item', 'problem', 'detail', ...this.header]);
    }
    const byRow = new Map<number, Rejection[]>();
    for (const r of rejections) byRow.set(r.index, [...(byRow.get(r.index) ?? []), r]);
    for (const [row, list] of byRow) {
      if (this.rows >= this.limits.rows || this.#bytes >= this.limits.bytes)
        throw HostingErrors.error('EXCHANGE_UPLOAD_TOO_MANY_REJECTS', {
          rows: this.limits.rows,
          bytes: this.limits.bytes,
        });
      this.rows += 1;
      for (const r of list) if (this.shown.length < REJECTS_SHOWN) this.shown.push(r);
      const line = [
        row,
        list.map((r) => r.item ?? '').join('; '),
        list.map((r) => r.problem).join('; '),
        list
          .map((r) => {
            const text = REJECT_PROBLEMS[r.problem];
            return `${text.zh} / ${text.en}: ${r.detail}`;
          })
          .join('; '),
        ...original.map(cell),
      ];
      // Characters, not bytes: close enough to bound the file, and cheap.
      for (const value of line) this.#bytes += String(value).length + 1;
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
