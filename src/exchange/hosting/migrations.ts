import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** The load history; hosted tables themselves are created at run time (see store.ts). */
export const hostingMigrations: ModuleMigrations = {
  '2026_11_21_261_exchange_loads': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchange_load')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total_bytes', 'bigint')
        .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_read', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('applied', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('unchanged', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('rejected', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('first_seq', 'bigint')
        .addColumn('last_seq', 'bigint')
        .addColumn('reject_file', 'text')
        .addColumn('error', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('duration_ms', 'bigint')
        .execute();
      await db.schema
        .createIndex('exchange_load_entry')
        .on('exchange_load')
        .columns(['entry_id', 'started_at'])
        .execute();
      await db.schema
        .createIndex('exchange_load_department')
        .on('exchange_load')
        .columns(['provider_department_id', 'started_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('exchange_load').execute();
    },
  }),
  /** Issue 22: the character encoding a CSV upload was read in, and whether it was declared or recognized. */
  '2026_12_06_460_exchange_load_encoding': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('exchange_load').addColumn('encoding', 'text').execute();
      await db.schema.alterTable('exchange_load').addColumn('encoding_source', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('exchange_load').dropColumn('encoding_source').execute();
      await db.schema.alterTable('exchange_load').dropColumn('encoding').execute();
    },
  }),
  /**
   * Issue 19 (R106): the electronic seal of each record of a document- or licence-type resource,
   * beside its hosted table and written in the same transaction as the record. `id` is
   * `<resource id>:<record key>` (a resource id has no colon), so the bulk writer keys it alone.
   */
  '2026_12_11_010_exchange_record_seals': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchange_record_seal')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('seal', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('exchange_record_seal').execute();
    },
  }),
};
