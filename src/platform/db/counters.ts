import { type Kysely, sql } from 'kysely';
import type { Executor } from './index.js';
import type { ModuleMigrations } from './migrations.js';

/** Named counters that hand out numbers (case numbers, catalog editions) inside a transaction. */
export interface NumberCounterTable {
  name: string;
  value: number;
}

export interface CounterTables {
  number_counter: NumberCounterTable;
}

export const counterMigrations: ModuleMigrations = {
  '2026_12_06_001_number_counter': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('number_counter')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('number_counter').execute();
    },
  }),
};

const counters = (db: Executor) => db as unknown as Kysely<CounterTables>;

/**
 * The next number of a counter, drawn in the caller's transaction. The increment takes the
 * counter's row lock, so concurrent transactions on any node queue on it instead of drawing the
 * same number (reading the table's largest number did, and lost the race under load); a rolled
 * back transaction gives its number back. `floor` is read once, when the counter is first used,
 * so numbers handed out before counters existed are never drawn again.
 *
 * @example await nextNumber(trx, 'sharing_application:2026', () => largestApplicationNumber(trx, 2026))
 */
export async function nextNumber(trx: Executor, name: string, floor: () => Promise<number>): Promise<number> {
  const bumped = await counters(trx)
    .updateTable('number_counter')
    .set({ value: sql<number>`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst();
  if (bumped) return Number(bumped.value);
  const start = (await floor()) + 1;
  const row = await counters(trx)
    .insertInto('number_counter')
    .values({ name, value: start })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`number_counter.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * The year's next case number of a table with a `number` column, as `PREFIX-2026-000123`.
 *
 * @example await nextCaseNumber(trx, 'sharing_application', 'SQ-2026-')
 */
export async function nextCaseNumber(trx: Executor, table: string, prefix: string): Promise<string> {
  const db = trx as unknown as Kysely<Record<string, { number: string }>>;
  const next = await nextNumber(trx, `${table}:${prefix}`, async () => {
    const last = await db
      .selectFrom(table)
      .select('number')
      .where('number', 'like', `${prefix}%`)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return last ? Number(last.number.slice(prefix.length)) : 0;
  });
  return `${prefix}${String(next).padStart(6, '0')}`;
}
