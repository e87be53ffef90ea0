import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Violation cases, their attachments and the circulars published about them (issue 17, R114, N20). */
export const violationMigrations: ModuleMigrations = {
  '2026_12_07_650_supervision_violations': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('supervision_violation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('category_code', 'text', (c) => c.notNull())
        .addColumn('category_party', 'text', (c) => c.notNull())
        .addColumn('category_zh', 'text', (c) => c.notNull())
        .addColumn('category_en', 'text', (c) => c.notNull())
        .addColumn('category_article', 'text', (c) => c.notNull())
        .addColumn('category_source', 'text', (c) => c.notNull())
        .addColumn('respondent_department_id', 'text', (c) => c.notNull())
        .addColumn('respondent_name', 'text', (c) => c.notNull())
        .addColumn('respondent_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text')
        .addColumn('source_id', 'text')
        .addColumn('source_ref', 'text')
        .addColumn('opened_by', 'text')
        .addColumn('opened_by_name', 'text', (c) => c.notNull())
        .addColumn('order_text', 'text')
        .addColumn('ordered_at', 'text')
        .addColumn('order_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('due_date', 'text')
        .addColumn('due_article', 'text')
        .addColumn('overdue_at', 'text')
        .addColumn('report_text', 'text')
        .addColumn('reported_at', 'text')
        .addColumn('reported_by_name', 'text')
        .addColumn('decision_text', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_violation_number')
        .on('supervision_violation')
        .column('number')
        .unique()
        .execute();
      // One case per source fact: the daily job may run twice, on two nodes, and open it once.
      await db.schema
        .createIndex('supervision_violation_source')
        .on('supervision_violation')
        .columns(['source_kind', 'source_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('supervision_violation_respondent')
        .on('supervision_violation')
        .columns(['respondent_department_id', 'status'])
        .execute();
      await db.schema
        .createIndex('supervision_violation_due')
        .on('supervision_violation')
        .columns(['status', 'due_date'])
        .execute();
      await db.schema
        .createTable('supervision_violation_attachment')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('violation_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_violation_attachment_case')
        .on('supervision_violation_attachment')
        .column('violation_id')
        .execute();
      await db.schema
        .createTable('supervision_circular')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('violation_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .addColumn('published_by_name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_circular_number')
        .on('supervision_circular')
        .column('number')
        .unique()
        .execute();
      await db.schema
        .createIndex('supervision_circular_published')
        .on('supervision_circular')
        .columns(['jurisdiction_path', 'published_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('supervision_circular').execute();
      await db.schema.dropTable('supervision_violation_attachment').execute();
      await db.schema.dropTable('supervision_violation').execute();
    },
  }),
};
