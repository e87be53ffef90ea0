import type { CreateTableBuilder, Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';
import { caseKeyColumns, entryColumns, partyColumns, timestampColumns } from '../migrations.js';

/** What a use record and a disposal copy from their grant: the grant, its resource, its parties. */
const fromGrant = <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
  table
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .$call(entryColumns)
    .$call(partyColumns);

/**
 * Use records (N21, 809 第二十九条第二款) and disposals (N16, 第二十七条第一款). Neither table refers
 * to `sharing_grant` by a foreign key: the records outlive whatever becomes of the grant.
 */
export const useRecordMigrations: ModuleMigrations = {
  '2026_12_06_314_sharing_use_records': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_use_record')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .$call(fromGrant)
        .addColumn('scenario', 'text', (c) => c.notNull())
        .addColumn('process', 'text', (c) => c.notNull())
        .addColumn('effect', 'text', (c) => c.notNull())
        .addColumn('storage', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_name', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('retain_until', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sharing_use_record_grant')
        .on('sharing_use_record')
        .columns(['grant_id', 'recorded_at'])
        .execute();
      await db.schema
        .createTable('sharing_disposal')
        .$call(caseKeyColumns)
        .addColumn('status', 'text', (c) => c.notNull())
        .$call(fromGrant)
        .addColumn('ground', 'text', (c) => c.notNull())
        .addColumn('requirement', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('article', 'text', (c) => c.notNull())
        .addColumn('required_by', 'text', (c) => c.notNull())
        .addColumn('required_by_name', 'text', (c) => c.notNull())
        .addColumn('disposed_what', 'text')
        .addColumn('disposed_how', 'text')
        .addColumn('disposed_on', 'text')
        .addColumn('disposed_by', 'text')
        .addColumn('filed_by', 'text')
        .addColumn('filed_by_name', 'text')
        .addColumn('filed_at', 'text')
        .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('overdue_at', 'text')
        .addColumn('retain_until', 'text')
        .$call(timestampColumns)
        // One disposal per grant: two concurrent requirements cannot both be inserted.
        .addUniqueConstraint('sharing_disposal_grant', ['grant_id'])
        .execute();
      await db.schema
        .createIndex('sharing_disposal_due')
        .on('sharing_disposal')
        .columns(['status', 'overdue', 'due_date'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sharing_disposal').execute();
      await db.schema.dropTable('sharing_use_record').execute();
    },
  }),
};
