import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';
import { caseKeyColumns, entryColumns, partyColumns, timestampColumns } from '../migrations.js';

/** Agreements (R35) and stops (R11): the second part of issue 5. */
export const agreementMigrations: ModuleMigrations = {
  '2026_11_21_252_sharing_agreements': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_agreement')
        .$call(caseKeyColumns)
        .$call(partyColumns)
        .$call(entryColumns)
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('purpose_text', 'text')
        .addColumn('legal_duty', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull())
        .addColumn('methods', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('terms', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('proposed_by', 'text', (c) => c.notNull())
        .addColumn('proposed_by_name', 'text', (c) => c.notNull())
        .addColumn('signed_by', 'text')
        .addColumn('signed_at', 'text')
        .addColumn('filed_by', 'text')
        .addColumn('filed_at', 'text')
        .addColumn('filing_note', 'text')
        .addColumn('reason', 'text')
        .addColumn('grant_id', 'text')
        .$call(timestampColumns)
        .execute();
      await db.schema
        .createIndex('sharing_agreement_parties')
        .on('sharing_agreement')
        .columns(['provider_department_id', 'consumer_department_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sharing_agreement').execute();
    },
  }),
  '2026_11_21_252_sharing_stops': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_stop')
        .$call(caseKeyColumns)
        .$call(entryColumns)
        .$call(partyColumns)
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('effective_date', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('rule_article', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('filed_by', 'text', (c) => c.notNull())
        .addColumn('filed_by_name', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('holders_noticed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('grants_ended', 'integer', (c) => c.notNull().defaultTo(0))
        .$call(timestampColumns)
        .execute();
      // The sweep reads filed stops by effective date.
      await db.schema
        .createIndex('sharing_stop_due')
        .on('sharing_stop')
        .columns(['status', 'effective_date'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sharing_stop').execute();
    },
  }),
};
