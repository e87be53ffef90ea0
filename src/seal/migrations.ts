import { type Kysely, sql } from 'kysely';
import type { ModuleMigrations } from '../platform/db/index.js';

/** Department electronic seals (issue 19; R106); names sort after supervision's. */
export const sealMigrations: ModuleMigrations = {
  '2026_12_10_010_seal_keys': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('seal_key')
        .addColumn('key_id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('seal_name', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('public_key_pem', 'text', (c) => c.notNull())
        .addColumn('private_key_sealed', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addColumn('replaced_by', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addColumn('revoke_reason', 'text')
        .execute();
      // At most one seal of a department signs at a time, whatever two operators do at once.
      await sql`create unique index seal_key_active on seal_key (department_id) where status = 'active'`.execute(
        db,
      );
      await db.schema
        .createIndex('seal_key_department')
        .on('seal_key')
        .columns(['department_id', 'issued_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('seal_key').execute();
    },
  }),
};
