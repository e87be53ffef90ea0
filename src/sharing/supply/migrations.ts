import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

const COLUMNS = [
  'supply_required',
  'supply_deadline_id',
  'supply_due_date',
  'supply_article',
  'supplied_at',
  'supply_overdue',
  'supply_overdue_at',
] as const;

/** N12: the supply obligation's columns on `sharing_grant`; grants made before carry none. */
export const supplyMigrations: ModuleMigrations = {
  '2026_12_06_262_sharing_grant_supply': () => ({
    async up(db: Kysely<unknown>) {
      const alter = () => db.schema.alterTable('sharing_grant');
      await alter()
        .addColumn('supply_required', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await alter().addColumn('supply_deadline_id', 'text').execute();
      await alter().addColumn('supply_due_date', 'text').execute();
      await alter().addColumn('supply_article', 'text').execute();
      await alter().addColumn('supplied_at', 'text').execute();
      await alter()
        .addColumn('supply_overdue', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await alter().addColumn('supply_overdue_at', 'text').execute();
      // The daily sweep reads open obligations by due date.
      await db.schema
        .createIndex('sharing_grant_supply_due')
        .on('sharing_grant')
        .columns(['supply_overdue', 'supply_due_date'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('sharing_grant_supply_due').execute();
      for (const column of [...COLUMNS].reverse())
        await db.schema.alterTable('sharing_grant').dropColumn(column).execute();
    },
  }),
};
