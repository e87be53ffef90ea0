import { createHash } from 'node:crypto';

/**
 * Values as the exchange carries them, whatever database they come from or go to. The platform
 * validates every value (`encodeValue`); the agent only puts each into the form the exchange
 * expects, so that a re-read row hashes the same as the one sent before: decimals as strings,
 * dates `YYYY-MM-DD`, date-times ISO 8601 UTC, booleans true/false.
 */
export type DataType = 'C' | 'N' | 'Y' | 'D' | 'T' | 'L' | 'M' | 'G' | 'B' | 'I' | 'F';
export type ExchangeValue = string | number | boolean | null;
export type ExchangeRecord = Record<string, ExchangeValue>;

/** One catalog item as the agent needs it. */
export interface ItemSpec {
  item: string;
  dataType: DataType;
  isKey: boolean;
  length?: number | undefined;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

function zoneOf(raw: string | undefined, fallback: string): string {
  if (!raw) return fallback;
  if (raw.toUpperCase() === 'Z') return 'Z';
  const m = /^([+-]\d{2}):?(\d{2})?$/.exec(raw);
  return m ? `${m[1]}:${m[2] ?? '00'}` : fallback;
}

/** A date-time from any database as ISO 8601 UTC (ms); a value without an offset is in `timezone`. */
export function toIsoInstant(value: unknown, timezone: string): ExchangeValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  const text = String(value).trim();
  const m = DATE_TIME.exec(text);
  if (!m) {
    // A bare date is midnight of that day where the data was kept.
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return toIsoInstant(`${text} 00:00:00`, timezone);
    return text;
  }
  const fraction = (m[7] ?? '').slice(0, 4);
  const at = new Date(
    `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${fraction}${zoneOf(m[8], timezone)}`,
  );
  return Number.isNaN(at.getTime()) ? text : at.toISOString();
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Buffer.isBuffer(value))
    return value.length === 1 && (value[0] === 0 || value[0] === 1) ? value[0] : value.toString('utf8');
  return value;
}

/**
 * A database value as the exchange carries the item. Values the exchange will reject stay as they
 * are, so that the platform's rejection names the real problem.
 */
export function toExchangeValue(spec: ItemSpec, raw: unknown, timezone: string): ExchangeValue {
  const value = plain(raw);
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value === '') return null;
  switch (spec.dataType) {
    case 'N':
    case 'Y':
      return typeof value === 'number' ? String(value) : String(value).trim();
    case 'I':
      if (typeof value === 'number') return value;
      return /^[+-]?\d+$/.test(String(value).trim()) && Number.isSafeInteger(Number(value))
        ? Number(value)
        : String(value);
    case 'B':
    case 'F': {
      if (typeof value === 'number') return value;
      const n = Number(String(value).trim());
      return Number.isFinite(n) ? n : String(value);
    }
    case 'L': {
      if (typeof value === 'boolean') return value;
      const word = String(value).trim().toLowerCase();
      if (['1', 't', 'true', 'y', 'yes', '是'].includes(word)) return true;
      if (['0', 'f', 'false', 'n', 'no', '否'].includes(word)) return false;
      return String(value);
    }
    case 'D': {
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      const m = DATE_PREFIX.exec(String(value).trim());
      return m ? `${m[1]}-${m[2]}-${m[3]}` : String(value);
    }
    case 'T':
      return toIsoInstant(value, timezone);
    default:
      if (value instanceof Date) return value.toISOString();
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

/**
 * The record's key as the agent keeps it locally: the key item's value, or the JSON array of
 * them when the resource has several (the same rule as the platform's canonical key).
 */
export function recordKey(values: readonly ExchangeValue[]): string {
  if (values.length === 1) return String(values[0]);
  return JSON.stringify(values.map((v) => String(v)));
}

/** A digest of the values sent for a row: equal digests mean nothing to send. */
export function rowHash(values: readonly ExchangeValue[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 22);
}
