import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../platform/db/migrations.js';
import { auditChainMigration } from './migrate-chain.js';

export const auditMigrations: ModuleMigrations = {
  '2026_11_21_020_audit_entry': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_entry')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('department_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('client_ip', 'text')
        .execute();
      await db.schema.createIndex('audit_entry_at').on('audit_entry').column('at').execute();
      await db.schema
        .createIndex('audit_entry_actor')
        .on('audit_entry')
        .columns(['actor_id', 'at'])
        .execute();
      await db.schema
        .createIndex('audit_entry_target')
        .on('audit_entry')
        .columns(['target_type', 'target_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('audit_entry').execute();
    },
  }),
  '2026_11_21_200_audit_chain': auditChainMigration,
};
