import type { CreateTableBuilder, Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';
import { caseKeyColumns, entryColumns, partyColumns, timestampColumns } from '../migrations.js';

/** The columns both case tables share: the parties, the request, and the current stage's deadline. */
function withParties<T extends string>(table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return table
    .$call(caseKeyColumns)
    .$call(partyColumns)
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('purpose_text', 'text')
    .addColumn('legal_duty', 'text', (c) => c.notNull())
    .addColumn('methods', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('deadline_article', 'text')
    .addColumn('due_soon_noticed_at', 'text')
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('grant_id', 'text')
    .$call(timestampColumns);
}

/** Negotiation / coordination cases and out-of-catalog demands (see `schema.ts`). */
export const disputeMigrations: ModuleMigrations = {
  '2026_11_21_251_sharing_disputes': () => ({
    async up(db: Kysely<unknown>) {
      await withParties(db.schema.createTable('sharing_dispute'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('application_id', 'text')
        .addColumn('opened_by', 'text', (c) => c.notNull())
        .addColumn('opened_by_name', 'text', (c) => c.notNull())
        .$call(entryColumns)
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('failure_reason', 'text')
        .addColumn('decision', 'text')
        .addColumn('decided_items', 'text')
        .execute();
      await withParties(db.schema.createTable('sharing_demand'))
        .addColumn('applicant_id', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('decider', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('decision_reference', 'text')
        .addColumn('supplied_entry_id', 'text')
        .addColumn('supplied_entry_code', 'text')
        .addColumn('supplied_items', 'text')
        .addColumn('supplied_at', 'text')
        .addColumn('supplied_late', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      for (const table of ['sharing_dispute', 'sharing_demand']) {
        // The sweep reads open cases by due date; the inboxes read by party.
        await db.schema.createIndex(`${table}_due`).on(table).columns(['status', 'due_date']).execute();
        await db.schema
          .createIndex(`${table}_consumer`)
          .on(table)
          .columns(['consumer_department_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex(`${table}_provider`)
          .on(table)
          .columns(['provider_department_id', 'created_at'])
          .execute();
      }
      await db.schema
        .createIndex('sharing_dispute_application')
        .on('sharing_dispute')
        .column('application_id')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sharing_demand').execute();
      await db.schema.dropTable('sharing_dispute').execute();
    },
  }),
  /** N19 (809 第二十八条第二款): referral to the government of the authority's level and its decision. */
  '2026_12_06_296_sharing_dispute_government': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('sharing_dispute')
        .addColumn('government_referral', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      for (const column of GOVERNMENT_COLUMNS)
        await db.schema.alterTable('sharing_dispute').addColumn(column, 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of [...GOVERNMENT_COLUMNS, 'government_referral'])
        await db.schema.alterTable('sharing_dispute').dropColumn(column).execute();
    },
  }),
};

const GOVERNMENT_COLUMNS = [
  'referral_reason',
  'referred_at',
  'referred_by',
  'referred_by_name',
  'government_name',
  'government_jurisdiction_path',
  'government_decided_by',
  'government_decision',
  'government_reference',
  'government_decided_on',
] as const;
