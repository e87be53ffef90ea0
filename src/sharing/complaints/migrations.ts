import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';
import { caseKeyColumns, timestampColumns } from '../migrations.js';

/** Complaints to the competent authority (R118). */
export const complaintMigrations: ModuleMigrations = {
  '2026_11_21_254_sharing_complaints': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sharing_complaint')
        .$call(caseKeyColumns)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('complainant_department_id', 'text', (c) => c.notNull())
        .addColumn('complainant_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('respondent_department_id', 'text', (c) => c.notNull())
        .addColumn('respondent_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('subject_label', 'text')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('filed_by', 'text', (c) => c.notNull())
        .addColumn('filed_by_name', 'text', (c) => c.notNull())
        .addColumn('deadline_id', 'text')
        .addColumn('due_date', 'text')
        .addColumn('deadline_article', 'text')
        .addColumn('investigated_by', 'text')
        .addColumn('investigated_at', 'text')
        .addColumn('outcome', 'text')
        .addColumn('reply', 'text')
        .addColumn('answered_by', 'text')
        .addColumn('answered_by_name', 'text')
        .addColumn('answered_at', 'text')
        .addColumn('suspended_grants', 'text', (c) => c.notNull().defaultTo('[]'))
        .$call(timestampColumns)
        .execute();
      await db.schema
        .createIndex('sharing_complaint_parties')
        .on('sharing_complaint')
        .columns(['complainant_department_id', 'respondent_department_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('sharing_complaint').execute();
    },
  }),
  /** N17 (809 第二十七条第二款): suspension with a rectification order and date, then termination. */
  '2026_12_06_295_sharing_complaint_rectification': () => ({
    async up(db: Kysely<unknown>) {
      for (const column of RECTIFICATION_COLUMNS)
        await db.schema.alterTable('sharing_complaint').addColumn(column, 'text').execute();
      // The sweep reads complaints in rectification by their due date.
      await db.schema
        .createIndex('sharing_complaint_rectification')
        .on('sharing_complaint')
        .columns(['status', 'rectification_due_date'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('sharing_complaint_rectification').execute();
      for (const column of RECTIFICATION_COLUMNS)
        await db.schema.alterTable('sharing_complaint').dropColumn(column).execute();
    },
  }),
  /**
   * N17 without a complainant (809 第二十七条第二款 "主管部门或者提供部门应当暂停"): the authority or the
   * provider opens a misuse finding; what was misused and who found it.
   */
  '2026_12_06_340_sharing_complaint_misuse_finding': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sharing_complaint').addColumn('misuse', 'text').execute();
      await db.schema.alterTable('sharing_complaint').addColumn('found_by', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('sharing_complaint').dropColumn('found_by').execute();
      await db.schema.alterTable('sharing_complaint').dropColumn('misuse').execute();
    },
  }),
};

const RECTIFICATION_COLUMNS = [
  'rectification_order',
  'rectification_due_date',
  'rectification_article',
  'rectification_report',
  'rectification_reported_at',
  'termination_reason',
  'terminated_at',
  'terminated_by',
  'terminated_by_name',
] as const;
