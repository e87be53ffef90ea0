import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** The node registry: one row per department and node name, updated by each heartbeat. */
export const nodeMigrations: ModuleMigrations = {
  '2026_11_21_270_exchange_nodes': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchange_node')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('node_name', 'text', (c) => c.notNull())
        .addColumn('reporter_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_heartbeat_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('mappings', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('status_changed_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('exchange_node_name', ['department_id', 'node_name'])
        .execute();
      await db.schema
        .createIndex('exchange_node_heartbeat')
        .on('exchange_node')
        .columns(['status', 'last_heartbeat_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('exchange_node').execute();
    },
  }),
};
