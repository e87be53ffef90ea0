import type { CreateTableBuilder, Kysely } from 'kysely';
import type { ModuleMigrations } from '../platform/db/index.js';

// Column groups the case tables share (see `CaseRowColumns`, `PartyColumns`, `EntryColumns`,
// `DecisionColumns` in `schema.ts`), added in place with `.$call(…)` so that each table keeps its
// columns in the order its migration first created them.

/** A case's id and its number, unique (the counter draws it; the constraint guards a race). */
export const caseKeyColumns = <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
  table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique());

/** The two departments of a case and the jurisdiction each sits in. */
export const partyColumns = <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
  table
    .addColumn('consumer_department_id', 'text', (c) => c.notNull())
    .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
    .addColumn('provider_department_id', 'text', (c) => c.notNull())
    .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull());

/** The cataloged resource a row is about, as it stood when the row was written. */
export const entryColumns = <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
  table
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('entry_code', 'text', (c) => c.notNull())
    .addColumn('entry_name', 'text', (c) => c.notNull());

/** A decision on a request: who took it, when, and the note given with it. */
export const decisionColumns = <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
  table
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text');

/** When the row was written and last changed. */
export const timestampColumns = <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
  table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

/** The columns of 809 第二十条 (N09): the requesting head's consent and the provider's draft answer. */
const HEAD_APPROVAL_COLUMNS = [
  'endorsed_at',
  'endorsed_by',
  'endorsed_by_name',
  'endorsement_recorded_by',
  'endorsement_recorded_by_name',
  'endorsement_reference',
  'endorsement_opinion',
  'draft_decision',
  'draft_items',
  'draft_clear_items',
  'draft_comment',
  'draft_reason',
  'draft_by',
  'draft_by_name',
  'draft_at',
] as const;

/** The sharing module's tables (see `schema.ts`); names sort after the catalog search's (`24x`). */
export const sharingMigrations: ModuleMigrations = {
  '2026_11_21_250_sharing_init': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_application')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('applicant_id', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .$call(entryColumns)
        .addColumn('entry_version', 'integer', (c) => c.notNull())
        .addColumn('share_type', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('purpose_text', 'text')
        .addColumn('legal_duty', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('methods', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('deadline_id', 'text')
        .addColumn('due_date', 'text')
        .addColumn('deadline_article', 'text')
        .addColumn('due_soon_noticed_at', 'text')
        .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('overdue_at', 'text')
        .addColumn('decided_items', 'text')
        .addColumn('refusal_reason', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_by_name', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decided_late', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('grant_id', 'text')
        .$call(timestampColumns)
        .execute();
      // The unique number is also what guards two concurrent applications drawing the same one.
      await db.schema
        .createIndex('sharing_application_number')
        .on('sharing_application')
        .column('number')
        .unique()
        .execute();
      await db.schema
        .createIndex('sharing_application_consumer')
        .on('sharing_application')
        .columns(['consumer_department_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('sharing_application_provider')
        .on('sharing_application')
        .columns(['provider_department_id', 'status', 'due_date'])
        .execute();
      // The sweep reads pending applications by due date.
      await db.schema
        .createIndex('sharing_application_due')
        .on('sharing_application')
        .columns(['status', 'due_date'])
        .execute();

      await db.schema
        .createTable('sharing_grant')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('client_ids', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .$call(entryColumns)
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('methods', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('origin_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('status_changed_at', 'text')
        .addColumn('status_changed_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      // What the exchange asks on every call: the consumer's grants on one resource.
      await db.schema
        .createIndex('sharing_grant_check')
        .on('sharing_grant')
        .columns(['consumer_department_id', 'entry_id'])
        .execute();
      await db.schema
        .createIndex('sharing_grant_entry')
        .on('sharing_grant')
        .columns(['entry_id', 'status'])
        .execute();
      await db.schema
        .createIndex('sharing_grant_provider')
        .on('sharing_grant')
        .columns(['provider_department_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('sharing_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_type', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sharing_event_case')
        .on('sharing_event')
        .columns(['case_type', 'case_id', 'seq'])
        .unique()
        .execute();

      await db.schema
        .createTable('notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('recipient_user_id', 'text')
        .addColumn('recipient_department_id', 'text')
        .addColumn('recipient_role', 'text')
        .addColumn('recipient_jurisdiction_path', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title_zh', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('case_type', 'text')
        .addColumn('case_id', 'text')
        .addColumn('read_at', 'text')
        .addColumn('read_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notice_user')
        .on('notice')
        .columns(['recipient_user_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('notice_department')
        .on('notice')
        .columns(['recipient_department_id', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('notice').execute();
      await db.schema.dropTable('sharing_event').execute();
      await db.schema.dropTable('sharing_grant').execute();
      await db.schema.dropTable('sharing_application').execute();
    },
  }),
  '2026_11_21_255_sharing_grant_clear_items': () => ({
    async up(db: Kysely<unknown>) {
      // Until the exchange, every personal item of a grant is masked: nothing was granted in clear.
      await db.schema
        .alterTable('sharing_grant')
        .addColumn('clear_items', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('sharing_grant').dropColumn('clear_items').execute();
    },
  }),
  '2026_12_06_260_sharing_application_return': () => ({
    async up(db: Kysely<unknown>) {
      // 补正 (N11): one column per statement, as SQLite alters one at a time.
      for (const column of [
        'return_points',
        'return_note',
        'returned_at',
        'returned_by_name',
        'resubmitted_at',
      ])
        await db.schema.alterTable('sharing_application').addColumn(column, 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of [
        'resubmitted_at',
        'returned_by_name',
        'returned_at',
        'return_note',
        'return_points',
      ])
        await db.schema.alterTable('sharing_application').dropColumn(column).execute();
    },
  }),
  '2026_12_06_265_sharing_notice_body_en': () => ({
    async up(db: Kysely<unknown>) {
      // A notice's body in both languages, as its title already was (the text comes from the
      // module's notice catalogue); older notices keep their one body for both.
      await db.schema.alterTable('notice').addColumn('body_en', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('notice').dropColumn('body_en').execute();
    },
  }),
  '2026_12_06_320_sharing_head_approval': () => ({
    async up(db: Kysely<unknown>) {
      // 809 第二十条第二款 (N09): the 使用场景 an application states; older applications stated none.
      await db.schema
        .alterTable('sharing_application')
        .addColumn('scenario', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      // The requesting head's consent (第二十条第二款) and the provider's draft answer awaiting its
      // head's consent (第二十条第三款); one column per statement, as SQLite alters one at a time.
      for (const column of HEAD_APPROVAL_COLUMNS)
        await db.schema.alterTable('sharing_application').addColumn(column, 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of [...HEAD_APPROVAL_COLUMNS].reverse())
        await db.schema.alterTable('sharing_application').dropColumn(column).execute();
      await db.schema.alterTable('sharing_application').dropColumn('scenario').execute();
    },
  }),
};
