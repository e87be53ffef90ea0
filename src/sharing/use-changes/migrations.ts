import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';
import {
  caseKeyColumns,
  decisionColumns,
  entryColumns,
  partyColumns,
  timestampColumns,
} from '../migrations.js';

/** Use-change requests (N14, 809 第二十五条第一款) and the consents a grant records. */
export const useChangeMigrations: ModuleMigrations = {
  '2026_12_06_313_sharing_use_changes': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_use_change')
        .$call(caseKeyColumns)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .$call(entryColumns)
        .$call(partyColumns)
        .addColumn('purposes', 'text', (c) => c.notNull())
        .addColumn('scope', 'text')
        .addColumn('third_parties', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .$call(decisionColumns)
        .$call(timestampColumns)
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
