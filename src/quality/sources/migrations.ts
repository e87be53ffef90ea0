import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** The registry of sources, duplicate flags and conflict cases (一数一源, R76–R79). */
export const sourceMigrations: ModuleMigrations = {
  '2026_12_07_530_quality_source_registry': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('quality_source')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('item_name', 'text', (c) => c.notNull())
        .addColumn('active_key', 'text')
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_name', 'text', (c) => c.notNull())
        .addColumn('department_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('entry_code', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .addColumn('basis', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('designated_by', 'text', (c) => c.notNull())
        .addColumn('designated_by_name', 'text', (c) => c.notNull())
        .addColumn('designated_at', 'text', (c) => c.notNull())
        .addColumn('ended_by', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('end_reason', 'text')
        .execute();
      // R76: one source per item per jurisdiction while in force (NULL once ended, never equal).
      await db.schema
        .createIndex('quality_source_active')
        .on('quality_source')
        .column('active_key')
        .unique()
        .execute();
      await db.schema
        .createIndex('quality_source_scope')
        .on('quality_source')
        .columns(['jurisdiction_path', 'status'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('quality_source').execute();
    },
  }),
  '2026_12_07_531_quality_source_cases': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('quality_source_duplicate')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('item_name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('source_department_id', 'text', (c) => c.notNull())
        .addColumn('source_entry_id', 'text', (c) => c.notNull())
        .addColumn('source_entry_code', 'text', (c) => c.notNull())
        .addColumn('source_entry_name', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('entry_code', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .addColumn('entry_status', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('decision_note', 'text')
        .addColumn('legal_basis', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Idempotent flagging: one flag per designation × entry, however often the job runs.
      await db.schema
        .createIndex('quality_source_duplicate_once')
        .on('quality_source_duplicate')
        .columns(['source_id', 'entry_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('quality_source_duplicate_list')
        .on('quality_source_duplicate')
        .columns(['jurisdiction_path', 'status', 'created_at'])
        .execute();
      await db.schema
        .createTable('quality_source_conflict')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('source_department_id', 'text', (c) => c.notNull())
        .addColumn('source_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('source_entry_id', 'text', (c) => c.notNull())
        .addColumn('source_entry_code', 'text', (c) => c.notNull())
        .addColumn('source_entry_name', 'text', (c) => c.notNull())
        .addColumn('other_department_id', 'text', (c) => c.notNull())
        .addColumn('other_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('other_entry_id', 'text', (c) => c.notNull())
        .addColumn('other_entry_code', 'text', (c) => c.notNull())
        .addColumn('other_entry_name', 'text', (c) => c.notNull())
        .addColumn('key_item', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('differences', 'text', (c) => c.notNull())
        .addColumn('difference_count', 'integer', (c) => c.notNull())
        .addColumn('compared_count', 'integer', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('wrong_side', 'text')
        .addColumn('verification_id', 'text')
        .addColumn('verification_number', 'text')
        .addColumn('resolution_note', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('quality_source_conflict_pair')
        .on('quality_source_conflict')
        .columns(['source_entry_id', 'other_entry_id', 'status'])
        .execute();
      await db.schema
        .createIndex('quality_source_conflict_list')
        .on('quality_source_conflict')
        .columns(['jurisdiction_path', 'status', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('quality_source_conflict').execute();
      await db.schema.dropTable('quality_source_duplicate').execute();
    },
  }),
  /** Each compared pair's last figures: the agreement dimension of the other resource's score. */
  '2026_12_08_110_quality_agreement': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('quality_agreement')
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('source_entry_id', 'text', (c) => c.notNull())
        .addColumn('compared_values', 'bigint', (c) => c.notNull())
        .addColumn('differing_values', 'bigint', (c) => c.notNull())
        .addColumn('measured_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('quality_agreement_pk', ['entry_id', 'source_entry_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('quality_agreement').execute();
    },
  }),
};
