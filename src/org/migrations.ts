import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../platform/db/index.js';

export const orgMigrations: ModuleMigrations = {
  '2026_11_21_010_org_init': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('jurisdiction')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.references('jurisdiction.id'))
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('department')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdiction.id'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('short_name', 'text', (c) => c.notNull())
        .addColumn('uscc', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('department_jurisdiction')
        .on('department')
        .column('jurisdiction_id')
        .execute();
      await db.schema
        .createTable('app_user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull().references('department.id'))
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('password_hash', 'text')
        .addColumn('must_change_password', 'integer', (c) => c.notNull())
        .addColumn('password_changed_at', 'text')
        .addColumn('failed_logins', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', 'integer', (c) => c.notNull())
        .addColumn('oidc_subject', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('app_user_department').on('app_user').column('department_id').execute();
      await db.schema
        .createTable('user_role')
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text')
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role'])
        .execute();
      await db.schema
        .createTable('user_session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('pending_totp_secret', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();
      await db.schema
        .createTable('api_client')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull().references('department.id'))
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('rotated_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['api_client', 'user_session', 'user_role', 'app_user', 'department', 'jurisdiction']) {
        await db.schema.dropTable(t).execute();
      }
    },
  }),
  // A TOTP code works once: the last accepted time step per account (issue 12).
  '2026_12_06_020_org_totp_last_step': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('app_user').addColumn('totp_last_step', 'integer').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('app_user').dropColumn('totp_last_step').execute();
    },
  }),
  '2026_12_06_010_org_dual_control': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('dual_control_request')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_user_id', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('requested_by_role', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.references('app_user.id'))
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('executed_at', 'text')
        .execute();
      await db.schema
        .createIndex('dual_control_request_status')
        .on('dual_control_request')
        .columns(['status', 'expires_at'])
        .execute();
      await db.schema
        .createIndex('dual_control_request_target')
        .on('dual_control_request')
        .columns(['target_user_id', 'action'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('dual_control_request').execute();
    },
  }),
  // N01, R126, R128: each department's sharing office, head and officer, with their history.
  '2026_12_06_210_org_department_office': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('department_office')
        .addColumn('department_id', 'text', (c) => c.primaryKey().references('department.id'))
        .addColumn('office_name', 'text', (c) => c.notNull())
        .addColumn('office_phone', 'text', (c) => c.notNull())
        .addColumn('office_email', 'text', (c) => c.notNull())
        .addColumn('head_user_id', 'text', (c) => c.references('app_user.id'))
        .addColumn('head_name', 'text', (c) => c.notNull())
        .addColumn('head_title', 'text', (c) => c.notNull())
        .addColumn('officer_user_id', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('officer_name', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('department_office_change')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull().references('department.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('roster_before', 'text')
        .addColumn('roster_after', 'text', (c) => c.notNull())
        .addColumn('changed_by_id', 'text')
        .addColumn('changed_by_name', 'text')
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('department_office_change_department')
        .on('department_office_change')
        .columns(['department_id', 'seq'])
        .unique()
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('department_office_change').execute();
      await db.schema.dropTable('department_office').execute();
    },
  }),
  // R65: an API client suspended by a security alert, reversibly (issue 17).
  '2026_12_07_610_org_api_client_suspension': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('api_client').addColumn('suspended_at', 'text').execute();
      await db.schema.alterTable('api_client').addColumn('suspended_reason', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('api_client').dropColumn('suspended_reason').execute();
      await db.schema.alterTable('api_client').dropColumn('suspended_at').execute();
    },
  }),
};
