import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Download manifests: a CSV download's manifest is served after the file, by its id. */
export const gatewayMigrations: ModuleMigrations = {
  '2026_11_21_262_exchange_downloads': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchange_download')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('case_number', 'text')
        .addColumn('keys_clear', 'integer', (c) => c.notNull())
        .addColumn('after_key', 'text')
        .addColumn('last_key', 'text')
        .addColumn('rows', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('digest', 'text')
        .addColumn('snapshot_seq', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('audit_seq', 'bigint')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema
        .createIndex('exchange_download_consumer')
        .on('exchange_download')
        .columns(['consumer_department_id', 'started_at'])
        .execute();
      await db.schema
        .createIndex('exchange_download_grant')
        .on('exchange_download')
        .columns(['grant_id', 'started_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('exchange_download').execute();
    },
  }),
};
