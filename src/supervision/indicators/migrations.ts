import type { Kysely } from 'kysely';
import type { DialectName, ModuleMigrations } from '../../platform/db/index.js';

const real = (dialect: DialectName) => (dialect === 'postgres' ? 'double precision' : 'real');

/** The daily indicators per department and per jurisdiction (issue 17, R111, R113). */
export const indicatorMigrations: ModuleMigrations = {
  '2026_12_07_600_supervision_indicators': (dialect) => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('supervision_indicator_day')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text')
        .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
        .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
        .addColumn('indicator', 'text', (c) => c.notNull())
        .addColumn('value', real(dialect))
        .addColumn('numerator', real(dialect))
        .addColumn('denominator', real(dialect))
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supervision_indicator_day_pk', [
          'day',
          'subject_kind',
          'subject_id',
          'indicator',
        ])
        .execute();
      await db.schema
        .createIndex('supervision_indicator_day_series')
        .on('supervision_indicator_day')
        .columns(['indicator', 'day'])
        .execute();
      await db.schema
        .createIndex('supervision_indicator_day_department')
        .on('supervision_indicator_day')
        .columns(['department_id', 'day'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('supervision_indicator_day').execute();
    },
  }),
};
