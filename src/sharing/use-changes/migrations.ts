import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Use-change requests (N14, 809 第二十五条第一款) and the consents a grant records. */
export const useChangeMigrations: ModuleMigrations = {
  '2026_12_06_313_sharing_use_changes': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_use_change')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('entry_code', 'text', (c) => c.notNull())
        .addColumn('entry_name', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('purposes', 'text', (c) => c.notNull())
        .addColumn('scope', 'text')
        .addColumn('third_parties', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sharing_use_change_grant')
        .on('sharing_use_change')
        .columns(['grant_id', 'created_at'])
        .execute();
      await db.schema
        .alterTable('sharing_grant')
        .addColumn('use_consents', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('sharing_grant').dropColumn('use_consents').execute();
      await db.schema.dropTable('sharing_use_change').execute();
    },
  }),
};
