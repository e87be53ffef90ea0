import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../platform/db/index.js';
import { auditChainMigration, createUnchainedEntry } from './migrate-chain.js';

export const auditMigrations: ModuleMigrations = {
  '2026_11_21_020_audit_entry': () => ({
    async up(db: Kysely<unknown>) {
      await createUnchainedEntry(db);
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
