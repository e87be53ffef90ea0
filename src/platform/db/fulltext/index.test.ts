import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexText, queryTokens } from '../../text/index.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../test-support/index.js';
import { dialectOf, type FullText, type FullTextIndexSpec, fullTextFor } from './index.js';

interface Doc {
  id: number;
  title: string;
  body: string;
}
interface Tables {
  doc: Doc;
}

const SPEC: FullTextIndexSpec = { table: 'doc', key: 'id', fields: ['title', 'body'] };

for (const dialect of DIALECTS) {
  describe(`full-text index (${dialect})`, () => {
    let storage: TestStorage<Tables>;
    let db: Kysely<Tables>;
    let fullText: FullText;

    const put = (id: number, title: string, body: string) =>
      db
        .insertInto('doc')
        .values({ id, title: indexText(title), body: indexText(body) })
        .onConflict((oc) => oc.column('id').doUpdateSet({ title: indexText(title), body: indexText(body) }))
        .execute();
    const find = async (text: string, prefixLast = false) => {
      const rows = await db
        .selectFrom('doc as d')
        .innerJoin(fullText.matches(SPEC, { tokens: queryTokens(text), prefixLast }).as('m'), (j) =>
          j.onRef('m.key', '=', 'd.id'),
        )
        .select(['d.id', 'm.rank'])
        .orderBy('m.rank', 'desc')
        .orderBy('d.id')
        .execute();
      return rows.map((r) => Number(r.id));
    };

    beforeAll(async () => {
      storage = await openTestStorage<Tables>(dialect);
      db = storage.db;
      fullText = fullTextFor(dialectOf(db));
      await db.schema
        .createTable('doc')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await fullText.createIndex(db as Kysely<unknown>, SPEC);
      await put(1, '营业执照电子证照', '市场监管部门核发的营业执照');
      await put(2, '常住人口登记信息', '户籍人口的姓名和公民身份号码');
      await put(3, '企业登记信息', '包括统一社会信用代码、电子证照编号');
      await put(4, '法人单位基本信息', '统一社会信用代码和组织机构代码');
    });
    afterAll(async () => storage.dispose());

    it('knows its dialect from the handle', () => {
      expect(fullText.dialect).toBe(dialect);
    });

    it('finds documents holding every query token, and only those', async () => {
      expect(await find('证照')).toEqual([1, 3]);
      expect(await find('户籍')).toEqual([2]);
      expect(await find('统一社会信用代码')).toEqual([3, 4]);
      expect(await find('统一社会信用代码 证照')).toEqual([3]);
      expect(await find('户籍 证照')).toEqual([]);
    });

    it('ranks a match in the first field above one in a later field', async () => {
      // 1 has 证照 in its title; 3 only in its body.
      expect(await find('证照')).toEqual([1, 3]);
      expect(await find('登记')).toEqual([2, 3]);
    });

    it('matches the last token as a prefix while the user is typing', async () => {
      expect(await find('户')).toEqual([]);
      expect(await find('户', true)).toEqual([2]);
      expect(await find('统一社会信用代码 组织', true)).toEqual([4]);
    });

    it('follows updates and deletes of the documents', async () => {
      await put(2, '流动人口居住登记信息', '居住证的办理');
      expect(await find('户籍')).toEqual([]);
      expect(await find('居住证')).toEqual([2]);
      await db.deleteFrom('doc').where('id', '=', 2).execute();
      expect(await find('居住证')).toEqual([]);
    });

    it('treats query syntax characters as nothing but text', async () => {
      expect(() => fullText.matches(SPEC, { tokens: ['a" OR "b'] })).toThrow(/not a query token/);
      expect(() => fullText.matches(SPEC, { tokens: [] })).toThrow();
      expect(await find('证照 ）(* OR')).toEqual([]);
      // and a hostile spelling of a real word still finds it
      const rows = await sql<{ n: number }>`select count(*) as n from doc`.execute(db);
      expect(Number(rows.rows[0]?.n)).toBe(3);
    });
  });
}
