import type { DialectName } from '../../platform/db/index.js';
import type { HostedColumn, ItemValue } from '../model.js';
import { canonicalKey, decodeValue, encodeValue } from './columns.js';
import type { Rejection } from './errors.js';

export type StoredValue = string | number | boolean | null;

/** A record ready to store: its canonical key and one value per active column (codec order). */
export interface EncodedRecord {
  key: string;
  values: StoredValue[];
}

export type EncodeResult = { ok: true; record: EncodedRecord } | { ok: false; rejections: Rejection[] };

/**
 * Turns records as departments send them (JSON objects keyed by item name, or the cells of a
 * file row under a header of item names) into the values a hosted table stores, checking each
 * value against its item. A record states the whole row: an item it leaves out is empty.
 */
export class RecordCodec {
  /** The columns records are written to and read from: the active ones, in column order. */
  readonly columns: HostedColumn[];
  readonly keyIndexes: number[];
  readonly #byItem: Map<string, number>;

  constructor(
    columns: readonly HostedColumn[],
    readonly dialect: DialectName,
  ) {
    this.columns = columns.filter((c) => c.active);
    this.keyIndexes = this.columns.flatMap((c, i) => (c.isKey ? [i] : []));
    this.#byItem = new Map(this.columns.map((c, i) => [c.item, i]));
  }

  /** The position of an item among the codec's columns, or -1 when the resource does not host it. */
  indexOf(item: string): number {
    return this.#byItem.get(item) ?? -1;
  }

  /** The cells of a JSON record in column order; names it does not know are rejections. */
  cellsOf(
    record: Readonly<Record<string, unknown>>,
    index: number,
  ): { ok: true; cells: unknown[] } | { ok: false; rejections: Rejection[] } {
    const cells: unknown[] = new Array(this.columns.length).fill(null);
    const unknown: Rejection[] = [];
    for (const [item, value] of Object.entries(record)) {
      const at = this.#byItem.get(item);
      if (at === undefined)
        unknown.push({ index, item: item.slice(0, 200), problem: 'unknown_item', detail: 'not hosted' });
      else cells[at] = value;
    }
    return unknown.length > 0 ? { ok: false, rejections: unknown } : { ok: true, cells };
  }

  /**
   * Checks and encodes a row's cells (in column order, or where `positions` says each column's
   * cell is, -1 for none); `keyOnly` checks the key items alone (delete).
   */
  encode(
    cells: readonly unknown[],
    index: number,
    keyOnly = false,
    positions?: readonly number[],
  ): EncodeResult {
    const { columns, dialect } = this;
    const values: StoredValue[] = new Array(columns.length).fill(null);
    let rejections: Rejection[] | undefined;
    const count = keyOnly ? this.keyIndexes.length : columns.length;
    for (let n = 0; n < count; n++) {
      const i = keyOnly ? (this.keyIndexes[n] as number) : n;
      const column = columns[i] as HostedColumn;
      const at = positions ? (positions[i] as number) : i;
      const result = encodeValue(column, at === -1 ? null : cells[at], dialect);
      if (result.ok) values[i] = result.value;
      else {
        rejections = rejections ?? [];
        rejections.push({ index, item: column.item, problem: result.problem, detail: result.detail });
      }
    }
    if (rejections) return { ok: false, rejections };
    const key =
      this.keyIndexes.length === 1
        ? String(values[this.keyIndexes[0] as number])
        : canonicalKey(this.keyIndexes.map((i) => values[i] as string | number | boolean));
    return { ok: true, record: { key, values } };
  }

  /** A row's values as the API gives them, stored (either dialect) or just encoded alike. */
  comparable(values: readonly unknown[]): ItemValue[] {
    return this.columns.map((c, i) => decodeValue(c, values[i]));
  }

  /** Whether two rows hold the same values, compared as the API would give them. */
  same(a: readonly ItemValue[], b: readonly ItemValue[]): boolean {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
}
