import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';
import { servedEntryColumns } from '../migrations.js';

/** The interface-service registry (接口服务登记, R47). */
export const serviceMigrations: ModuleMigrations = {
  '2026_11_21_263_exchange_services': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchange_service')
        .$call(servedEntryColumns)
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('methods', 'text', (c) => c.notNull())
        .addColumn('timeout_ms', 'integer')
        .addColumn('max_bytes', 'bigint')
        .addColumn('field_map', 'text', (c) => c.notNull())
        .addColumn('passthrough', 'text', (c) => c.notNull())
        .addColumn('headers', 'text')
        .addColumn('header_names', 'text', (c) => c.notNull())
        .addColumn('spec', 'text')
        .addColumn('spec_url', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('last_called_at', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_duration_ms', 'integer')
        .execute();
      await db.schema
        .createIndex('exchange_service_provider')
        .on('exchange_service')
        .column('provider_department_id')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('exchange_service').execute();
    },
  }),
};
