import type { HostedColumn } from '../../exchange/index.js';
import { ruleOf } from './rules.js';
import type { ColumnCounts } from './scanner.js';

/** One item's figures: shares in [0, 1], null where there is nothing to measure. */
export interface ItemMeasure {
  item: string;
  empty: number;
  invalid: number;
  completeness: number | null;
  validity: number | null;
  /** The item's validity rule in words; null where it has none. */
  rule: { zh: string; en: string } | null;
}

/** A resource's scores: the dimensions as shares in [0, 1], the score 0–100. */
export interface Measures {
  rows: number;
  completeness: number | null;
  validity: number | null;
  /** Agreement with the source of record (一数一源): null until a comparison measures it. */
  agreement: number | null;
  score: number | null;
  items: ItemMeasure[];
}

const round = (share: number): number => Math.round(share * 10_000) / 10_000;

/**
 * The scores of one resource from its counts: completeness is the share of filled values over all
 * items, validity the share of filled values that pass their item's rule over the items that have
 * one, and the score the mean of the dimensions measured (an unmeasured one is left out, never
 * counted as perfect).
 */
export function measure(
  columns: readonly HostedColumn[],
  counts: ColumnCounts,
  rows: number,
  today: string,
  agreement: number | null = null,
): Measures {
  let empty = 0;
  let checked = 0;
  let invalid = 0;
  const items = columns.map((column): ItemMeasure => {
    const c = counts[column.column] ?? { empty: 0, invalid: 0 };
    const rule = ruleOf(column, today).validity;
    const filled = rows - c.empty;
    empty += c.empty;
    if (rule) {
      checked += filled;
      invalid += c.invalid;
    }
    return {
      item: column.item,
      empty: c.empty,
      invalid: c.invalid,
      completeness: rows > 0 ? round(filled / rows) : null,
      validity: rule && filled > 0 ? round(1 - c.invalid / filled) : null,
      rule,
    };
  });
  const completeness = rows > 0 && columns.length > 0 ? round(1 - empty / (rows * columns.length)) : null;
  const validity = checked > 0 ? round(1 - invalid / checked) : null;
  const measured = [completeness, validity, agreement].filter((m): m is number => m !== null);
  const score =
    measured.length > 0
      ? Math.round((measured.reduce((a, b) => a + b, 0) / measured.length) * 1000) / 10
      : null;
  return { rows, completeness, validity, agreement, score, items };
}
