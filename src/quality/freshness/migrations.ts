import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Freshness (R68–R71): the monitored resources, their status history and the authority's restrictions. */
export const freshnessMigrations: ModuleMigrations = {
  '2026_12_07_520_quality_freshness_monitor': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('quality_freshness')
        .addColumn('entry_id', 'text', (c) => c.primaryKey())
        .addColumn('entry_code', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_department_name', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('update_cycle', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('last_change_at', 'text')
        .addColumn('last_change_source', 'text', (c) => c.notNull())
        .addColumn('due_by', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_since', 'text', (c) => c.notNull())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('quality_freshness_department')
        .on('quality_freshness')
        .columns(['provider_department_id', 'status'])
        .execute();
      await db.schema
        .createIndex('quality_freshness_status')
        .on('quality_freshness')
        .columns(['status', 'due_by'])
        .execute();
      await db.schema
        .createTable('quality_freshness_transition')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('last_change_at', 'text')
        .addColumn('due_by', 'text')
        .addColumn('rule_article', 'text')
        .execute();
      await db.schema
        .createIndex('quality_freshness_transition_entry')
        .on('quality_freshness_transition')
        .columns(['entry_id', 'at'])
        .execute();
      await db.schema
        .createTable('quality_freshness_restriction')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('late_entries', 'text', (c) => c.notNull())
        .addColumn('article', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('lifted_at', 'text')
        .addColumn('lifted_by', 'text')
        .addColumn('lifted_by_name', 'text')
        .addColumn('lift_kind', 'text')
        .addColumn('lift_note', 'text')
        .execute();
      await db.schema
        .createIndex('quality_freshness_restriction_department')
        .on('quality_freshness_restriction')
        .columns(['department_id', 'status'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('quality_freshness_restriction').execute();
      await db.schema.dropTable('quality_freshness_transition').execute();
      await db.schema.dropTable('quality_freshness').execute();
    },
  }),
};
