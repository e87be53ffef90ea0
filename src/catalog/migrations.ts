import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../platform/db/index.js';

/** 809 第十七条: an update obligation's extension, added to `catalog_obligation` (all text, nullable). */
const OBLIGATION_EXTENSION_COLUMNS = [
  'original_due_date',
  'extension_status',
  'extension_reason',
  'extension_requested_by',
  'extension_requested_at',
  'extension_decided_by',
  'extension_decided_at',
  'extension_comment',
];

/** The authority's review deadline of a submitted version, added to `catalog_version` (all text, nullable). */
const VERSION_REVIEW_COLUMNS = [
  'review_due_date',
  'review_deadline_id',
  'review_article',
  'review_overdue_at',
];

/** The catalog's tables (see `schema.ts`); names sort after the audit trail's (`2026_11_21_2[0-1]x`). */
export const catalogMigrations: ModuleMigrations = {
  '2026_11_21_220_catalog': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('catalog_entry')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('class_code', 'text', (c) => c.notNull())
        .addColumn('catalog_class', 'text', (c) => c.notNull())
        .addColumn('area', 'text')
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_code', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('current_status', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('share_type', 'text', (c) => c.notNull())
        .addColumn('open_to_public', 'integer', (c) => c.notNull())
        .addColumn('classified', 'integer', (c) => c.notNull())
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('published_version', 'integer')
        .addColumn('publish_date', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The unique code is also what guards two concurrent creates drawing the same sequence.
      await db.schema.createIndex('catalog_entry_code').on('catalog_entry').column('code').unique().execute();
      await db.schema
        .createIndex('catalog_entry_provider')
        .on('catalog_entry')
        .columns(['provider_department_id', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('catalog_entry_status')
        .on('catalog_entry')
        .columns(['status', 'publish_date'])
        .execute();
      await db.schema
        .createIndex('catalog_entry_current_status')
        .on('catalog_entry')
        .column('current_status')
        .execute();
      await db.schema
        .createIndex('catalog_entry_jurisdiction')
        .on('catalog_entry')
        .column('jurisdiction_path')
        .execute();

      await db.schema
        .createTable('catalog_version')
        .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entry.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('change_reason', 'text')
        .addColumn('reductions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('ratified_at', 'text')
        .addColumn('ratified_by', 'text')
        .addColumn('published_at', 'text')
        .addPrimaryKeyConstraint('catalog_version_pk', ['entry_id', 'version'])
        .execute();

      await db.schema
        .createTable('catalog_review')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entry.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_review_entry')
        .on('catalog_review')
        .columns(['entry_id', 'at'])
        .execute();

      await db.schema
        .createTable('catalog_sequence')
        .addColumn('class_code', 'text', (c) => c.primaryKey())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('catalog_department_code')
        .addColumn('department_id', 'text', (c) => c.primaryKey())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull().unique())
        .execute();

      await db.schema
        .createTable('catalog_obligation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('article', 'text')
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('deadline_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('fulfilled_at', 'text')
        .addColumn('fulfilled_note', 'text')
        .execute();
      await db.schema
        .createIndex('catalog_obligation_department')
        .on('catalog_obligation')
        .columns(['department_id', 'status'])
        .execute();
      await db.schema
        .createIndex('catalog_obligation_jurisdiction')
        .on('catalog_obligation')
        .column('jurisdiction_path')
        .execute();

      await db.schema
        .createTable('catalog_edition')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('edition', 'integer', (c) => c.notNull().unique())
        .addColumn('compiled_at', 'text', (c) => c.notNull())
        .addColumn('compiled_by', 'text', (c) => c.notNull())
        .addColumn('entry_count', 'integer', (c) => c.notNull())
        .addColumn('entries', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'catalog_edition',
        'catalog_obligation',
        'catalog_department_code',
        'catalog_sequence',
        'catalog_review',
        'catalog_version',
        'catalog_entry',
      ])
        await db.schema.dropTable(table).execute();
    },
  }),
  /**
   * 809 第十三条、第十七条 (N02, N03, N06): the data grading of each entry (null: 未定级, refused at
   * the next submission under the national profile), the assessments and the head's approval
   * before submission, the extension of an update obligation, and the authority's review deadline.
   */
  '2026_12_06_290_catalog_national': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('catalog_entry').addColumn('data_class', 'text').execute();
      await db.schema.alterTable('catalog_entry').addColumn('data_level', 'text').execute();
      await db.schema
        .createTable('catalog_preparation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entry.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content_digest', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('on_behalf_of', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('catalog_preparation_entry')
        .on('catalog_preparation')
        .columns(['entry_id', 'seq'])
        .unique()
        .execute();
      for (const column of OBLIGATION_EXTENSION_COLUMNS)
        await db.schema.alterTable('catalog_obligation').addColumn(column, 'text').execute();
      for (const column of VERSION_REVIEW_COLUMNS)
        await db.schema.alterTable('catalog_version').addColumn(column, 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of VERSION_REVIEW_COLUMNS)
        await db.schema.alterTable('catalog_version').dropColumn(column).execute();
      for (const column of OBLIGATION_EXTENSION_COLUMNS)
        await db.schema.alterTable('catalog_obligation').dropColumn(column).execute();
      await db.schema.dropTable('catalog_preparation').execute();
      await db.schema.alterTable('catalog_entry').dropColumn('data_level').execute();
      await db.schema.alterTable('catalog_entry').dropColumn('data_class').execute();
    },
  }),
  /**
   * N01/R128: an open update obligation past its date is flagged once by the sweep and escalated to
   * the department's sharing-office head; whom it reached (head, officer) or that nobody could be.
   */
  '2026_12_06_341_catalog_obligation_overdue': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('catalog_obligation').addColumn('overdue_at', 'text').execute();
      await db.schema.alterTable('catalog_obligation').addColumn('overdue_escalation', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('catalog_obligation').dropColumn('overdue_escalation').execute();
      await db.schema.alterTable('catalog_obligation').dropColumn('overdue_at').execute();
    },
  }),
};
