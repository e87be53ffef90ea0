import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Verification and correction requests, the records they mark and their attachments. */
export const correctionMigrations: ModuleMigrations = {
  '2026_12_07_510_quality_correction_requests': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('quality_correction')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('entry_code', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('consumer_name', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('provider_name', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('records', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('channel_article', 'text')
        .addColumn('written', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('conflict_id', 'text')
        .addColumn('filed_by', 'text', (c) => c.notNull())
        .addColumn('filed_by_name', 'text', (c) => c.notNull())
        .addColumn('deadline_kind', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text')
        .addColumn('due_article', 'text')
        .addColumn('overdue_at', 'text')
        .addColumn('claimed_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_department_id', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('first_seq', 'integer')
        .addColumn('last_seq', 'integer')
        .addColumn('items_changed', 'text')
        .addColumn('readers_noticed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('quality_correction_number')
        .on('quality_correction')
        .column('number')
        .unique()
        .execute();
      // Whether a resource is under verification as a whole runs on every read.
      await db.schema
        .createIndex('quality_correction_entry_status')
        .on('quality_correction')
        .columns(['entry_id', 'status'])
        .execute();
      await db.schema
        .createIndex('quality_correction_consumer')
        .on('quality_correction')
        .columns(['consumer_department_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('quality_correction_provider')
        .on('quality_correction')
        .columns(['provider_department_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('quality_correction_due')
        .on('quality_correction')
        .columns(['status', 'due_date'])
        .execute();
      await db.schema
        .createTable('quality_correction_mark')
        .addColumn('correction_id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('quality_correction_mark_pk', ['correction_id', 'record_key'])
        .execute();
      // Which of a read's records are marked runs on every read: by resource and key.
      await db.schema
        .createIndex('quality_correction_mark_key')
        .on('quality_correction_mark')
        .columns(['entry_id', 'record_key'])
        .execute();
      await db.schema
        .createTable('quality_correction_attachment')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('correction_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('quality_correction_attachment_case')
        .on('quality_correction_attachment')
        .column('correction_id')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('quality_correction_attachment').execute();
      await db.schema.dropTable('quality_correction_mark').execute();
      await db.schema.dropTable('quality_correction').execute();
    },
  }),
};
