import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Notice delivery beyond the inbox: channels per department and the delivery outbox. */
export const deliveryMigrations: ModuleMigrations = {
  '2026_11_21_253_notice_delivery': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notice_channel')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('secret', 'text')
        .addColumn('algorithm', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema
        .createIndex('notice_channel_department')
        .on('notice_channel')
        .column('department_id')
        .execute();
      await db.schema
        .createTable('notice_delivery')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('notice_id', 'text', (c) => c.notNull())
        .addColumn('channel_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('delivered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // The worker reads what is due.
      await db.schema
        .createIndex('notice_delivery_due')
        .on('notice_delivery')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('notice_delivery_channel')
        .on('notice_delivery')
        .columns(['channel_id', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('notice_delivery').execute();
      await db.schema.dropTable('notice_channel').execute();
    },
  }),
};
