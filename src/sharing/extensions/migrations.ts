import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Reply extensions (延期答复, 政务数据共享条例第二十一条第一款). */
export const extensionMigrations: ModuleMigrations = {
  '2026_12_06_256_sharing_reply_extensions': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_reply_extension')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        // Once per application: two concurrent requests cannot both be inserted.
        .addColumn('application_id', 'text', (c) => c.notNull().unique())
        .addColumn('application_number', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('working_days', 'integer', (c) => c.notNull())
        .addColumn('due_date_before', 'text', (c) => c.notNull())
        .addColumn('due_date_after', 'text')
        .addColumn('article', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sharing_reply_extension').execute();
    },
  }),
};
