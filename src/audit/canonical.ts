import { hash } from 'node:crypto';
import type { AuditEntryTable } from './schema.js';

export type ChainHashAlgorithm = 'sm3' | 'sha256';

/** The link before the first entry of a chain that has never been archived. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as stored, without its own hash. */
export type ChainedFields = Omit<AuditEntryTable, 'hash'>;

/**
 * The canonical serialisation of an entry, the input of its chain hash (documented for auditors'
 * own tools in docs/audit-chain.md):
 *
 *   hash = hex( H( prev_hash ‖ "\n" ‖ JSON.stringify([seq, id, at, month, category, actor_kind,
 *     actor_id, actor_name, department_id, action, target_type, target_id, outcome, resource_id,
 *     items, method, purpose, case_number, grant_id, result_count, record_keys, detail,
 *     request_id, client_ip]) ) )
 *
 * H is SM3 (国密 suite) or SHA-256; absent values are JSON null; numbers are integers; text
 * columns (items, record_keys, detail) enter as the stored text. A JSON array fixes the order
 * without key names, so the encoding is both unambiguous and short. Every text value has been
 * made storable (`storableText`) before it is hashed, so the input is the same whether built from
 * the entry being appended or from the row read back.
 */
export function canonicalEntry(e: ChainedFields): string {
  return JSON.stringify([
    e.seq,
    e.id,
    e.at,
    e.month,
    e.category,
    e.actor_kind,
    e.actor_id,
    e.actor_name,
    e.department_id,
    e.action,
    e.target_type,
    e.target_id,
    e.outcome,
    e.resource_id,
    e.items,
    e.method,
    e.purpose,
    e.case_number,
    e.grant_id,
    e.result_count,
    e.record_keys,
    e.detail,
    e.request_id,
    e.client_ip,
  ]);
}

/**
 * Text as both databases store it and give it back: lone surrogates (which SQLite and PostgreSQL
 * write as U+FFFD) and NUL (which PostgreSQL refuses and SQLite keeps) become U+FFFD here, before
 * hashing, so the hash covers exactly what is stored. Well-formed text is returned as it is.
 */
export function storableText(text: string): string {
  if (text.isWellFormed() && !text.includes('\0')) return text;
  return text.toWellFormed().replaceAll('\0', '\uFFFD');
}

/** An entry with every text field made storable (see `storableText`); the same object if none needed it. */
export function storableEntry<T extends object>(entry: T): T {
  let out: T | undefined;
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value !== 'string') continue;
    const text = storableText(value);
    if (text === value) continue;
    out ??= { ...entry };
    (out as Record<string, unknown>)[key] = text;
  }
  return out ?? entry;
}

/** The chain hash of an entry given the hash it links to. */
export function entryHash(algorithm: ChainHashAlgorithm, e: ChainedFields): string {
  return hash(algorithm, `${e.prev_hash}\n${canonicalEntry(e)}`, 'hex');
}

/** yyyymm of an ISO timestamp (UTC): the partition key. */
export function monthOf(at: string): number {
  return Number(at.slice(0, 4)) * 100 + Number(at.slice(5, 7));
}

/** The month after `month` (yyyymm). */
export function nextMonth(month: number): number {
  return month % 100 === 12 ? (Math.floor(month / 100) + 1) * 100 + 1 : month + 1;
}
