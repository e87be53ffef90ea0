import type { DataType, InformationItem } from '../../catalog/index.js';
import type { DialectName } from '../../platform/db/index.js';
import { type IdentifierKind, validateIdentifier } from '../../platform/identifiers/index.js';
import type { HostedColumn, ItemValue } from '../model.js';

/**
 * How each data-type code of the catalog guide is stored and exchanged. Decimals (N, Y) travel
 * as strings so that no digit is lost between a department's database and a consumer's; dates
 * as `YYYY-MM-DD`; date-times as ISO 8601 in UTC, a value without an offset being China time.
 */
const SQL_TYPES: Record<DataType, { sqlite: string; postgres: string }> = {
  C: { sqlite: 'text', postgres: 'text' },
  M: { sqlite: 'text', postgres: 'text' },
  G: { sqlite: 'text', postgres: 'text' },
  N: { sqlite: 'text', postgres: 'numeric' },
  Y: { sqlite: 'text', postgres: 'numeric' },
  D: { sqlite: 'text', postgres: 'date' },
  T: { sqlite: 'text', postgres: 'timestamptz' },
  L: { sqlite: 'integer', postgres: 'boolean' },
  I: { sqlite: 'integer', postgres: 'bigint' },
  B: { sqlite: 'real', postgres: 'double precision' },
  F: { sqlite: 'real', postgres: 'double precision' },
};

/** The SQL type of an item's column. */
export function sqlTypeOf(dataType: DataType, dialect: DialectName): string {
  return SQL_TYPES[dataType][dialect];
}

/** The physical table of a hosted resource, derived from its id alone (never from input). */
export function hostedTableName(resourceId: string): string {
  return `xr_${resourceId.replaceAll('-', '').toLowerCase()}`;
}

/**
 * Columns for a catalog version's items, keeping the numbers of items already hosted: an item
 * that stays keeps its column, a new one gets the next number, a dropped one goes inactive. An
 * item whose data type changed gets a new column too (the old one, typed for the old values,
 * goes inactive): a column's SQL type never changes under stored data.
 */
export function columnsFor(
  items: readonly InformationItem[],
  existing: readonly HostedColumn[] = [],
): HostedColumn[] {
  let next = existing.reduce((n, c) => Math.max(n, Number(c.column.slice(1))), 0);
  const columns: HostedColumn[] = existing.map((c) => ({ ...c, active: false }));
  // An item's live column: the active one, else its newest (the item was dropped and may return).
  const live = new Map<string, number>();
  existing.forEach((c, i) => {
    const seen = live.get(c.item);
    if (seen === undefined || c.active || !existing[seen]?.active) live.set(c.item, i);
  });
  for (const item of items) {
    const spec = {
      dataType: item.dataType,
      length: item.length,
      isKey: item.isKey,
      keyKind: item.keyKind,
      personal: item.personal,
    };
    const index = live.get(item.name);
    const old = index === undefined ? undefined : columns[index];
    if (index !== undefined && old && old.dataType === item.dataType) {
      columns[index] = { ...old, ...spec, active: true };
    } else {
      next += 1;
      columns.push({ item: item.name, column: `c${next}`, ...spec, active: true });
    }
  }
  return columns;
}

export function keyColumns(columns: readonly HostedColumn[]): HostedColumn[] {
  return columns.filter((c) => c.active && c.isKey);
}

/**
 * The record's canonical key, the hosted table's primary key and the change log's `key`: the
 * key item's stored value, or the JSON array of them when the resource has several key items.
 */
export function canonicalKey(keyValues: readonly (string | number | boolean)[]): string {
  if (keyValues.length === 1) return String(keyValues[0]);
  return JSON.stringify(keyValues.map((v) => String(v)));
}

export type ValueProblem = 'type' | 'length' | 'identifier' | 'required' | 'date' | 'range' | 'text';

export type Encoded =
  | { ok: true; value: string | number | boolean | null }
  | { ok: false; problem: ValueProblem; detail: string };

const DECIMAL = /^[+-]?(\d+)(?:\.(\d+))?$/;
const DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TRUE_WORDS = new Set(['true', '1', 'y', 'yes', '是', 't']);
const FALSE_WORDS = new Set(['false', '0', 'n', 'no', '否', 'f']);

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date (years before 100 are not: they would read as 19xx on the way). */
function validDate(y: number, m: number, d: number): boolean {
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] as number));
}

function fail(problem: ValueProblem, detail: string): Encoded {
  return { ok: false, problem, detail };
}

/**
 * Checks one value against its item and gives the value to store (for SQLite: booleans as 0/1).
 * Accepts JSON values and the text of a CSV cell; an empty cell is null.
 *
 * @example encodeValue(column, '11010519491231002x', 'sqlite') // { ok: true, value: '11010519491231002X' }
 */
export function encodeValue(column: HostedColumn, raw: unknown, dialect: DialectName): Encoded {
  if (raw === null || raw === undefined || raw === '') {
    return column.isKey ? fail('required', 'key item is empty') : { ok: true, value: null };
  }
  if (typeof raw === 'object') return fail('type', 'an object or array is not a value');
  const text = typeof raw === 'string' ? raw : String(raw);
  // PostgreSQL refuses NUL in text and both databases replace a lone surrogate: a value is taken
  // only if it can be stored exactly as it was checked, on either database (one rule for both).
  if (typeof raw === 'string' && (text.includes('\0') || !text.isWellFormed()))
    return fail('text', text.includes('\0') ? 'NUL (U+0000)' : 'lone surrogate');
  switch (column.dataType) {
    case 'C':
    case 'M':
    case 'G': {
      if (typeof raw === 'boolean') return fail('type', 'text expected');
      let value = text;
      const kind = column.keyKind;
      if (kind && kind !== 'other') {
        const result = validateIdentifier(kind as IdentifierKind, text);
        if (!result.valid) return fail('identifier', result.reason ?? 'invalid');
        value = result.normalized ?? text;
      } else if (column.isKey) {
        // Any other key is one record however it was typed: full-width letters and digits read
        // as half-width (NFKC) and spaces around it dropped. Letter case is kept: codes may use it.
        value = text.normalize('NFKC').trim();
        if (value === '') return fail('required', 'key item is empty');
      }
      // Characters, not UTF-16 units; a value no longer in units than the limit is within it.
      if (column.length && value.length > column.length && [...value].length > column.length)
        return fail('length', `${[...value].length} > ${column.length}`);
      return { ok: true, value };
    }
    case 'N':
    case 'Y': {
      if (typeof raw === 'boolean') return fail('type', 'decimal expected');
      const t = text.trim();
      const m = DECIMAL.exec(t);
      if (!m) return fail('type', 'decimal expected');
      const sign = t.startsWith('-') ? '-' : '';
      const whole = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
      const fraction = (m[2] ?? '').replace(/0+$/, '');
      if (column.length && whole.length + fraction.length > column.length)
        return fail('length', `${whole.length + fraction.length} digits > ${column.length}`);
      const value = `${whole === '0' && fraction === '' ? '' : sign}${whole}${fraction ? `.${fraction}` : ''}`;
      return { ok: true, value };
    }
    case 'I': {
      const n =
        typeof raw === 'number' ? raw : /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
      if (!Number.isSafeInteger(n)) return fail('type', 'integer expected');
      return { ok: true, value: n };
    }
    case 'B':
    case 'F': {
      const n = typeof raw === 'number' ? raw : text.trim() === '' ? Number.NaN : Number(text.trim());
      if (typeof raw === 'boolean' || !Number.isFinite(n)) return fail('type', 'number expected');
      return { ok: true, value: n };
    }
    case 'L': {
      const word = text.trim().toLowerCase();
      const value =
        raw === true || TRUE_WORDS.has(word) ? true : raw === false || FALSE_WORDS.has(word) ? false : null;
      if (value === null) return fail('type', 'true/false expected');
      return { ok: true, value: dialect === 'sqlite' ? (value ? 1 : 0) : value };
    }
    case 'D': {
      const m = DATE.exec(text.trim());
      if (!m) return fail('date', 'YYYY-MM-DD expected');
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!validDate(y, mo, d)) return fail('date', 'no such date');
      return { ok: true, value: `${m[1]}-${m[2]}-${m[3]}` };
    }
    case 'T': {
      const m = DATE_TIME.exec(text.trim());
      if (!m) return fail('date', 'ISO 8601 date-time expected');
      const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
      const sec = m[6] ? Number(m[6]) : 0;
      if (!validDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return fail('date', 'no such time');
      // Milliseconds: the first three digits of the fraction (finer digits are dropped).
      const ms = m[7] ? Number(`${m[7].slice(1)}00`.slice(0, 3)) : 0;
      let offset = 480;
      if (m[8] && m[8] !== 'Z') {
        const z = /^([+-])(\d{2}):?(\d{2})$/.exec(m[8]);
        const hours = Number(z?.[2]);
        const minutes = Number(z?.[3]);
        if (!z || hours > 14 || minutes > 59) return fail('date', 'no such time zone');
        offset = (z[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
      } else if (m[8] === 'Z') offset = 0;
      return {
        ok: true,
        value: new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset * 60_000).toISOString(),
      };
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A stored value as the API gives it: the inverse of `encodeValue` on both dialects (PostgreSQL
 * hands back numeric as text, date and timestamptz as `Date` or text).
 */
export function decodeValue(column: HostedColumn, stored: unknown): ItemValue {
  if (stored === null || stored === undefined) return null;
  switch (column.dataType) {
    case 'L':
      return stored === true || stored === 1 || stored === 't' || stored === 'true';
    case 'I':
    case 'B':
    case 'F':
      return typeof stored === 'number' ? stored : Number(stored);
    case 'N':
    case 'Y': {
      // PostgreSQL's numeric keeps trailing zeros (12.50): give the canonical decimal stored on SQLite.
      const canonical = encodeValue(column, String(stored), 'postgres');
      return canonical.ok ? (canonical.value as string) : String(stored);
    }
    case 'D':
      if (stored instanceof Date)
        return `${stored.getFullYear()}-${pad(stored.getMonth() + 1)}-${pad(stored.getDate())}`;
      return String(stored).slice(0, 10);
    case 'T':
      return (stored instanceof Date ? stored : new Date(String(stored))).toISOString();
    default:
      return String(stored);
  }
}
