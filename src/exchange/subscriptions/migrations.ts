import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Subscriptions, the push delivery-attempt log and dead letters. */
export const subscriptionMigrations: ModuleMigrations = {
  '2026_11_21_264_exchange_subscriptions': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchange_subscription')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('owner_kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('owner_name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('algorithm', 'text')
        .addColumn('secret', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('acked_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failing_since', 'text')
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_attempt_at', 'text')
        .addColumn('last_delivered_at', 'text')
        .addColumn('delivered_changes', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      // The push worker's question: which push subscriptions are due?
      await db.schema
        .createIndex('exchange_subscription_due')
        .on('exchange_subscription')
        .columns(['mode', 'status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('exchange_subscription_consumer')
        .on('exchange_subscription')
        .columns(['consumer_department_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('exchange_subscription_entry')
        .on('exchange_subscription')
        .column('entry_id')
        .execute();
      await db.schema
        .createTable('exchange_subscription_attempt')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('from_seq', 'bigint', (c) => c.notNull())
        .addColumn('to_seq', 'bigint', (c) => c.notNull())
        .addColumn('changes', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exchange_subscription_attempt_sub')
        .on('exchange_subscription_attempt')
        .columns(['subscription_id', 'at'])
        .execute();
      await db.schema
        .createTable('exchange_dead_letter')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('from_seq', 'bigint', (c) => c.notNull())
        .addColumn('to_seq', 'bigint', (c) => c.notNull())
        .addColumn('changes', 'integer', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_status_code', 'integer')
        .addColumn('first_failed_at', 'text', (c) => c.notNull())
        .addColumn('dead_lettered_at', 'text', (c) => c.notNull())
        .addColumn('retried_at', 'text')
        .addColumn('retried_by', 'text')
        .execute();
      await db.schema
        .createIndex('exchange_dead_letter_sub')
        .on('exchange_dead_letter')
        .columns(['subscription_id', 'dead_lettered_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('exchange_dead_letter').execute();
      await db.schema.dropTable('exchange_subscription_attempt').execute();
      await db.schema.dropTable('exchange_subscription').execute();
    },
  }),
};
