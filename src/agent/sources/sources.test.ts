import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Scratch,
  scratchDir,
  scratchMariadb,
  scratchPostgres,
  WITH_MARIADB,
  WITH_PG,
} from '../test-support/databases.js';
import { type ItemSpec, toExchangeValue } from '../values.js';
import { CsvSource } from './csv.js';
import { MysqlSource } from './mysql.js';
import { PostgresSource } from './postgres.js';
import { SqliteSource } from './sqlite.js';
import type { Source } from './types.js';

const COLUMNS = ['id', 'name', 'amount', 'born', 'seen_at', 'active', 'big', 'updated_at'];
const SPECS: ItemSpec[] = [
  { item: 'id', dataType: 'C', isKey: true },
  { item: 'name', dataType: 'C', isKey: false },
  { item: 'amount', dataType: 'N', isKey: false },
  { item: 'born', dataType: 'D', isKey: false },
  { item: 'seen_at', dataType: 'T', isKey: false },
  { item: 'active', dataType: 'L', isKey: false },
  { item: 'big', dataType: 'I', isKey: false },
  { item: 'updated_at', dataType: 'T', isKey: false },
];

/** 12 rows: ten share one updated-at (the keyset must order them by key), one has none. */
const ROWS = [
  [
    'a01',
    '张三 👩‍💻',
    '12345678901234.500000',
    '1949-10-01',
    '2026-01-02 03:04:05.123456',
    true,
    '9007199254740993',
    '2026-01-01 00:00:01',
  ],
  ['a02', 'O\'Brien "quoted"', '-0.000001', '2000-02-29', null, false, '-1', '2026-01-01 00:00:02'],
  ...Array.from({ length: 10 }, (_, i) => [
    `b${String(i).padStart(2, '0')}`,
    `同时 ${i}`,
    null,
    null,
    null,
    null,
    null,
    '2026-01-01 00:00:03',
  ]),
  ['c01', '无更新时间', '1', '2026-12-31', null, true, '0', null],
];

async function readAll(source: Source, order: string[], limit: number) {
  const out: unknown[][] = [];
  let after: Awaited<ReturnType<Source['page']>>['next'];
  for (;;) {
    const page = await source.page({ table: 'person', columns: COLUMNS, order, after, limit });
    if (page.rows.length === 0) return out;
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    out.push(...page.rows);
    after = page.next;
  }
}

function normalized(row: unknown[]) {
  return Object.fromEntries(SPECS.map((s, i) => [s.item, toExchangeValue(s, row[i], '+08:00')]));
}

function checkSource(open: () => Promise<{ source: Source; scratch?: Scratch; cleanup(): Promise<void> }>) {
  let source: Source;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ source, cleanup } = await open());
  });
  afterAll(async () => {
    await source.close();
    await cleanup();
  });

  it('lists the columns of a table, none of a missing one', async () => {
    expect(await source.columns('person')).toEqual(COLUMNS);
    expect(await source.columns('nobody')).toBeUndefined();
  });

  it('pages by updated-at then key in bounded pages, resuming exactly, without rows lacking an updated-at', async () => {
    const rows = await readAll(source, ['updated_at', 'id'], 3);
    expect(rows.map((r) => r[0])).toEqual(ROWS.slice(0, 12).map((r) => r[0]));
  });

  it('pages by key alone', async () => {
    const rows = await readAll(source, ['id'], 5);
    expect(rows.map((r) => r[0])).toEqual(ROWS.map((r) => r[0]));
  });

  it('gives every value in the exchange form: decimals exact, dates, UTC date-times, booleans, Chinese text and emoji', async () => {
    const [first, second] = await readAll(source, ['id'], 100);
    expect(normalized(first as unknown[])).toEqual({
      id: 'a01',
      name: '张三 👩‍💻',
      amount: expect.stringMatching(/^12345678901234\.50*$/),
      born: '1949-10-01',
      seen_at: '2026-01-01T19:04:05.123Z',
      active: true,
      big: '9007199254740993',
      updated_at: '2025-12-31T16:00:01.000Z',
    });
    expect(normalized(second as unknown[])).toMatchObject({
      name: 'O\'Brien "quoted"',
      amount: expect.stringMatching(/^-0\.0000010*$/),
      born: '2000-02-29',
      seen_at: null,
      active: false,
      big: -1,
    });
  });
}

const literal = (v: unknown) =>
  v === null
    ? 'NULL'
    : typeof v === 'boolean'
      ? v
        ? 'TRUE'
        : 'FALSE'
      : `'${String(v).replaceAll("'", "''")}'`;
const inserts = (quote: (v: unknown) => string) =>
  ROWS.map((r) => `INSERT INTO person VALUES (${r.map(quote).join(', ')})`);

describe.runIf(WITH_PG)('agent source: PostgreSQL', () => {
  checkSource(async () => {
    const scratch = await scratchPostgres();
    await scratch.exec(`CREATE TABLE person (id varchar(20) PRIMARY KEY, name text, amount numeric(30,6), born date,
      seen_at timestamptz, active boolean, big bigint, updated_at timestamp(6))`);
    await scratch.exec(`SET TIME ZONE 'Asia/Shanghai'`);
    for (const sql of inserts(literal))
      await scratch.exec(sql.replace("'2026-01-02 03:04:05.123456'", "'2026-01-02 03:04:05.123456+08'"));
    return { source: new PostgresSource(scratch.url), cleanup: () => scratch.drop() };
  });
});

describe.runIf(WITH_MARIADB)('agent source: MariaDB', () => {
  checkSource(async () => {
    const scratch = await scratchMariadb();
    await scratch.exec(`CREATE TABLE person (id varchar(20) PRIMARY KEY, name text, amount decimal(30,6), born date,
      seen_at datetime(6), active tinyint(1), big bigint, updated_at datetime(6))`);
    for (const sql of inserts(literal)) await scratch.exec(sql);
    return { source: new MysqlSource(scratch.url, '+08:00'), cleanup: () => scratch.drop() };
  });
});

describe('agent source: SQLite', () => {
  checkSource(async () => {
    const tmp = scratchDir();
    const path = join(tmp.dir, 'dept.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE person (id text PRIMARY KEY, name text, amount text, born text, seen_at text,
      active integer, big integer, updated_at text)`);
    for (const sql of inserts((v) => (typeof v === 'boolean' ? (v ? '1' : '0') : literal(v)))) db.exec(sql);
    db.close();
    return { source: new SqliteSource(path), cleanup: async () => tmp.drop() };
  });
});

describe('agent source: CSV folder', () => {
  let tmp: ReturnType<typeof scratchDir>;
  let source: CsvSource;
  beforeAll(() => {
    tmp = scratchDir();
    const cell = (v: unknown) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`);
    const lines = [COLUMNS.join(','), ...ROWS.map((r) => r.map(cell).join(','))];
    writeFileSync(join(tmp.dir, 'person.csv'), `\ufeff${lines.join('\r\n')}\r\n`);
    source = new CsvSource(tmp.dir);
  });
  afterAll(async () => {
    await source.close();
    tmp.drop();
  });

  it('reads the header and pages in file order, resuming by offset, also after reopening', async () => {
    expect(await source.columns('person.csv')).toEqual(COLUMNS);
    expect(await source.columns('missing.csv')).toBeUndefined();
    const first = await source.page({ table: 'person.csv', columns: ['name', 'id'], order: [], limit: 5 });
    expect(first.rows[0]).toEqual(['张三 👩‍💻', 'a01']);
    const reopened = new CsvSource(tmp.dir);
    const second = await reopened.page({
      table: 'person.csv',
      columns: ['id'],
      order: [],
      after: first.next,
      limit: 100,
    });
    await reopened.close();
    expect(second.rows.map((r) => r[0])).toEqual(ROWS.slice(5).map((r) => r[0]));
    const next = await source.page({
      table: 'person.csv',
      columns: ['id'],
      order: [],
      after: first.next,
      limit: 2,
    });
    expect(next.rows).toEqual([['b03'], ['b04']]);
  });

  it('starts over when the file was replaced', async () => {
    const first = await source.page({ table: 'person.csv', columns: ['id'], order: [], limit: 3 });
    writeFileSync(join(tmp.dir, 'person.csv'), 'id,name\nz1,新\n');
    const again = await source.page({
      table: 'person.csv',
      columns: ['id'],
      order: [],
      after: first.next,
      limit: 3,
    });
    expect(again.rows).toEqual([['z1']]);
  });
});
