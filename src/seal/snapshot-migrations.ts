import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../platform/db/index.js';

/** Data snapshots of key queries (数据快照 / 电子凭证, Guangzhou Art.23 ¶2, R107). */
export const snapshotMigrations: ModuleMigrations = {
  '2026_12_11_030_snapshots': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('data_snapshot')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_number', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('entry_code', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .addColumn('requester_id', 'text', (c) => c.notNull())
        .addColumn('requester_name', 'text', (c) => c.notNull())
        .addColumn('requester_department_id', 'text', (c) => c.notNull())
        .addColumn('requester_department_name', 'text', (c) => c.notNull())
        .addColumn('requester_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addColumn('record_count', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('signature_algorithm', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('data_snapshot_case')
        .on('data_snapshot')
        .columns(['case_number', 'taken_at'])
        .execute();
      await db.schema
        .createIndex('data_snapshot_requester')
        .on('data_snapshot')
        .columns(['requester_department_id', 'taken_at'])
        .execute();
      // Retention removes by age.
      await db.schema.createIndex('data_snapshot_taken').on('data_snapshot').column('taken_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('data_snapshot').execute();
    },
  }),
};
