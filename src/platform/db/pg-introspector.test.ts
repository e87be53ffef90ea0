import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStorage, TEST_PG_URL, type TestStorage } from './test-support/index.js';

// The introspector is PostgreSQL's own concern: without PostgreSQL the file shows as skipped
// (a file without any test fails the run with "No test suite found").
describe.runIf(TEST_PG_URL)('PostgreSQL introspection stays in the platform’s own schema', () => {
  const url = TEST_PG_URL as string;
  {
    let a: TestStorage<unknown>;
    let b: TestStorage<unknown>;
    beforeEach(async () => {
      a = await openTestStorage('postgres');
      b = await openTestStorage('postgres');
      await a.db.schema
        .createTable('only_in_a')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .execute();
      await b.db.schema.createTable('only_in_b').addColumn('id', 'text').execute();
    });
    afterEach(async () => {
      await a.dispose();
      await b.dispose();
    });

    it('lists the tables and columns of the current schema and nothing else', async () => {
      const tables = await a.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(['only_in_a']);
      expect(tables[0]?.schema).toBe(a.pgSchema);
      expect(tables[0]?.columns).toEqual([
        expect.objectContaining({ name: 'id', dataType: 'int4', isNullable: false }),
      ]);
    });

    it('keeps working while other schemas are created and dropped (other instances, other tests)', async () => {
      const churn = new pg.Client({ connectionString: url });
      await churn.connect();
      let stop = false;
      const churning = (async () => {
        for (let i = 0; !stop; i++) {
          await churn.query(`create schema if not exists churn_${process.pid}_${i % 4}`);
          await churn.query(`drop schema if exists churn_${process.pid}_${i % 4} cascade`);
        }
      })();
      try {
        for (let i = 0; i < 200; i++) expect((await b.db.introspection.getTables()).length).toBe(1);
      } finally {
        stop = true;
        await churning;
        await churn.end();
      }
    });
  }
});
