import type { Transaction } from 'kysely';
import type { SharingDb, SharingModuleTables } from '../db.js';

/** The year's next case number with a prefix (XY-2026-000001), from the table's counter. */
export { nextCaseNumber as nextNumber } from '../../platform/db/index.js';

/** Runs `insert`, which draws a case number, in one transaction. */
export async function withNumber(
  db: SharingDb,
  insert: (trx: Transaction<SharingModuleTables>) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(insert);
}
