import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../catalog/codes.js';
import type { Executor } from '../../platform/db/index.js';

/**
 * The year's next case number with a prefix (XY-2026-000001); the table's unique index settles
 * a race, and the caller draws again once (`withNumber`).
 */
export async function nextNumber(trx: Executor, table: string, prefix: string): Promise<string> {
  const db = trx as unknown as Kysely<Record<string, { number: string }>>;
  const last = await db
    .selectFrom(table)
    .select('number')
    .where('number', 'like', `${prefix}%`)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, '0')}`;
}

/** Runs `insert` in a transaction, once more if it lost the race for a number. */
export async function withNumber(db: Executor, insert: (trx: Executor) => Promise<void>): Promise<void> {
  try {
    await db.transaction().execute(insert);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await db.transaction().execute(insert);
  }
}
