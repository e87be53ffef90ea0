import type { RecordValues } from '../model.js';

/** The download formats and how each writes a record as one line. */
export const DOWNLOAD_FORMATS = ['csv', 'ndjson'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/**
 * The column (CSV, last, `true`/`false`) or field (NDJSON, only when true) that marks a record
 * under an open verification request (R83). Snake case like a column name, not an item's name.
 */
export const UNDER_VERIFICATION_FIELD = 'under_verification';

/**
 * The field of an NDJSON line that carries the record's electronic seal with the document it signs
 * (`{ document, seal }`, R106), when the record is sealed and the reader receives it whole in clear.
 */
export const SEALED_FIELD = 'sealed';

/** Excel opens a UTF-8 CSV as UTF-8 (not the ANSI code page) only when it starts with a BOM. */
export const UTF8_BOM = '\ufeff';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field (RFC 4180): quoted when it holds a quote, comma, line break or edge space. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + csvField(values[i]);
  return `${line}\r\n`;
}

/**
 * Writes records of the given items as lines of a format. Only data lines go through here: the
 * CSV header and the NDJSON manifest line are outside the digest.
 */
export function lineWriter(
  format: DownloadFormat,
  items: readonly string[],
): (record: RecordValues) => string {
  if (format === 'ndjson') return (record) => `${JSON.stringify(record)}\n`;
  return (record) => csvLine(items.map((item) => record[item]));
}

export const CONTENT_TYPES: Record<DownloadFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
