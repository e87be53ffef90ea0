import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../platform/db/index.js';

/** Evaluations, department reports and their timeline (issue 17; R111, R112, R115). */
export const evaluationMigrations: ModuleMigrations = {
  '2026_12_07_700_supervision_evaluations': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('supervision_evaluation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('publication', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('digest', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('reviewed_at', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .execute();
      await db.schema
        .createIndex('supervision_evaluation_period')
        .on('supervision_evaluation')
        .columns(['jurisdiction_id', 'period'])
        .unique()
        .execute();
      await db.schema
        .createTable('supervision_department_report')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('due', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('work', 'text', (c) => c.notNull())
        .addColumn('problems', 'text', (c) => c.notNull())
        .addColumn('plans', 'text', (c) => c.notNull())
        .addColumn('review_comment', 'text')
        .addColumn('reminded_at', 'text')
        .addColumn('overdue_noticed_at', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_department_report_period')
        .on('supervision_department_report')
        .columns(['department_id', 'period'])
        .unique()
        .execute();
      await db.schema
        .createIndex('supervision_department_report_state')
        .on('supervision_department_report')
        .columns(['state', 'due'])
        .execute();
      await db.schema
        .createTable('supervision_evaluation_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema
        .createIndex('supervision_evaluation_event_subject')
        .on('supervision_evaluation_event')
        .columns(['subject_id', 'seq'])
        .unique()
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('supervision_evaluation_event').execute();
      await db.schema.dropTable('supervision_department_report').execute();
      await db.schema.dropTable('supervision_evaluation').execute();
    },
  }),
  '2026_12_09_100_supervision_compliance_reports': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('supervision_compliance_report')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('department_name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('project', 'text')
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supervision_compliance_report_department')
        .on('supervision_compliance_report')
        .columns(['department_id', 'issued_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('supervision_compliance_report').execute();
    },
  }),
};
