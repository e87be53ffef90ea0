import { type Kysely, sql } from 'kysely';
import type { ModuleMigrations } from '../db/migrations.js';

/** The calendar's tables: holiday notices loaded by operators, and the deadlines computed from them. */
export const calendarMigrations: ModuleMigrations = {
  '2026_11_21_101_calendar_init': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('calendar_year')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('holidays', 'text', (c) => c.notNull())
        .addColumn('workdays', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('loaded_at', 'text', (c) => c.notNull())
        .addColumn('loaded_by', 'text')
        .execute();
      await db.schema
        .createTable('deadline')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('amount', 'integer', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('working_days', 'calendar_days')`))
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('provisional', 'integer', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('article', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('recomputed_at', 'text')
        .addUniqueConstraint('deadline_subject_unique', ['subject_type', 'subject_id'])
        .execute();
      // recomputeProvisional scans only the provisional rows when a notice arrives.
      await db.schema
        .createIndex('deadline_provisional_idx')
        .on('deadline')
        .columns(['provisional', 'due_date'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('deadline').execute();
      await db.schema.dropTable('calendar_year').execute();
    },
  }),
};
