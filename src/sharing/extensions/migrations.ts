import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';
import { caseKeyColumns, decisionColumns, partyColumns, timestampColumns } from '../migrations.js';

/** Reply extensions (延期答复, 政务数据共享条例第二十一条第一款). */
export const extensionMigrations: ModuleMigrations = {
  '2026_12_06_256_sharing_reply_extensions': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_reply_extension')
        .$call(caseKeyColumns)
        .addColumn('status', 'text', (c) => c.notNull())
        // Once per application: two concurrent requests cannot both be inserted.
        .addColumn('application_id', 'text', (c) => c.notNull().unique())
        .addColumn('application_number', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .$call(partyColumns)
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('working_days', 'integer', (c) => c.notNull())
        .addColumn('due_date_before', 'text', (c) => c.notNull())
        .addColumn('due_date_after', 'text')
        .addColumn('article', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .$call(decisionColumns)
        .$call(timestampColumns)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sharing_reply_extension').execute();
    },
  }),
};
