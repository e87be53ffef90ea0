import type { CreateTableBuilder, Kysely } from 'kysely';
import type { ModuleMigrations } from '../platform/db/index.js';

/**
 * The leading columns of a table with one row per catalog entry the exchange serves (a hosted
 * resource, an interface service): the entry as of `entry_version` and its provider.
 */
export function servedEntryColumns<T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().unique())
    .addColumn('entry_code', 'text', (c) => c.notNull())
    .addColumn('entry_name', 'text', (c) => c.notNull())
    .addColumn('entry_version', 'integer', (c) => c.notNull())
    .addColumn('provider_department_id', 'text', (c) => c.notNull())
    .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull());
}

/**
 * The exchange's own tables. Each hosted resource's data lives in a table created at run time
 * (`xr_<id>`, see hosting/ddl.ts), not here.
 */
export const exchangeCoreMigrations: ModuleMigrations = {
  '2026_11_21_260_exchange_core': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchange_resource')
        .$call(servedEntryColumns)
        .addColumn('table_name', 'text', (c) => c.notNull().unique())
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('row_count', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_changed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exchange_resource_provider')
        .on('exchange_resource')
        .column('provider_department_id')
        .execute();
      await db.schema
        .createTable('exchange_change')
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_change_pk', ['resource_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('exchange_change').execute();
      await db.schema.dropTable('exchange_resource').execute();
    },
  }),
  /** Issue 15: who runs a load and when it last made progress, so a load whose process is gone is found. */
  '2026_12_06_100_exchange_load_runner': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('exchange_load').addColumn('runner', 'text').execute();
      await db.schema.alterTable('exchange_load').addColumn('heartbeat_at', 'text').execute();
      await db.schema
        .createIndex('exchange_load_status')
        .on('exchange_load')
        .columns(['status', 'heartbeat_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('exchange_load_status').execute();
      await db.schema.alterTable('exchange_load').dropColumn('heartbeat_at').execute();
      await db.schema.alterTable('exchange_load').dropColumn('runner').execute();
    },
  }),
};
