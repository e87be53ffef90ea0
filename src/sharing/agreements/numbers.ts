import type { Executor } from '../../platform/db/index.js';

/** The year's next case number with a prefix (XY-2026-000001), from the table's counter. */
export { nextCaseNumber as nextNumber } from '../../platform/db/index.js';

/** Runs `insert`, which draws a case number, in one transaction. */
export async function withNumber(db: Executor, insert: (trx: Executor) => Promise<void>): Promise<void> {
  await db.transaction().execute(insert);
}
