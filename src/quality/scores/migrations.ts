import type { Kysely } from 'kysely';
import type { DialectName, ModuleMigrations } from '../../platform/db/index.js';

const share = (dialect: DialectName) => (dialect === 'postgres' ? 'double precision' : 'real');

/** Quality scores: the state of each resource's checks, the records that break a rule, the daily scores. */
export const scoreMigrations: ModuleMigrations = {
  '2026_12_07_540_quality_scores': (dialect) => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('quality_score_state')
        .addColumn('entry_id', 'text', (c) => c.primaryKey())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('checked_seq', 'bigint', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('rows', 'bigint', (c) => c.notNull())
        .addColumn('scanned_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('quality_score_flag')
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('empty', 'text', (c) => c.notNull())
        .addColumn('invalid', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('quality_score_flag_pk', ['entry_id', 'record_key'])
        .execute();
      await db.schema
        .createTable('quality_score_day')
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('rows', 'bigint', (c) => c.notNull())
        .addColumn('completeness', share(dialect))
        .addColumn('validity', share(dialect))
        .addColumn('agreement', share(dialect))
        .addColumn('score', share(dialect))
        .addPrimaryKeyConstraint('quality_score_day_pk', ['entry_id', 'day'])
        .execute();
      await db.schema
        .createIndex('quality_score_day_department')
        .on('quality_score_day')
        .columns(['provider_department_id', 'day'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('quality_score_day').execute();
      await db.schema.dropTable('quality_score_flag').execute();
      await db.schema.dropTable('quality_score_state').execute();
    },
  }),
  /** The last score recorded on the state row, so a list sorts and pages in SQL. */
  '2026_12_08_100_quality_score_state_score': (dialect) => ({
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('quality_score_state').addColumn('score', share(dialect)).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('quality_score_state').dropColumn('score').execute();
    },
  }),
};
