import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** The alerts on the access trail (issue 17, R65, R89). */
export const alertMigrations: ModuleMigrations = {
  '2026_12_07_640_supervision_alerts': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('supervision_alert')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('subject_label', 'text')
        .addColumn('department_id', 'text')
        .addColumn('department_name', 'text')
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('window_from', 'text', (c) => c.notNull())
        .addColumn('window_to', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('occurrences', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('acknowledged_by_id', 'text')
        .addColumn('acknowledged_by_name', 'text')
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_note', 'text')
        .addColumn('suspension', 'text', (c) => c.notNull())
        .addColumn('suspended_at', 'text')
        .addColumn('lifted_by_id', 'text')
        .addColumn('lifted_by_name', 'text')
        .addColumn('lifted_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_alert_subject')
        .on('supervision_alert')
        .columns(['subject_id', 'kind', 'created_at'])
        .execute();
      await db.schema
        .createIndex('supervision_alert_status')
        .on('supervision_alert')
        .columns(['status', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('supervision_alert').execute();
    },
  }),
};
